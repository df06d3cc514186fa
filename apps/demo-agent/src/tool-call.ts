/** One tool call an agent made, in the order the conversation made it. */
export interface ToolCall {
  /** 0-based position of the conversation in the input. */
  readonly conversation: number;
  /** The customer the agent served, such as `mia_li_3668`. */
  readonly customer: string;
  /** The tool's name, such as `book_reservation`. */
  readonly tool: string;
  /** The call's arguments, parsed from the JSON string the model produced. */
  readonly args: Record<string, unknown>;
  /** The tool's reply as text, when the trajectory contains one. */
  readonly result: string | null;
}

/** The input of one replay: its conversations and the tool calls they made, in order. */
export interface Session {
  /** How many conversations the input holds, including those that called no tool. */
  readonly conversations: number;
  readonly calls: readonly ToolCall[];
}
