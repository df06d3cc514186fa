import { readFile } from 'node:fs/promises';
import type { Session, ToolCall } from './tool-call.js';

/** A trajectory file that does not have the tau-bench shape; the message names the spot. */
export class TrajectoryFormatError extends Error {
  readonly code = 'INVALID_TRAJECTORIES';
}

interface RawToolCall {
  id?: unknown;
  function?: { name?: unknown; arguments?: unknown };
}

interface RawMessage {
  role?: unknown;
  content?: unknown;
  tool_calls?: RawToolCall[] | null;
  tool_call_id?: unknown;
}

/**
 * Reads tau-bench trajectories: a JSON array of conversations, each with `info.task.user_id`
 * and `traj`, a chat-completions message list whose assistant messages carry `tool_calls`.
 *
 * @throws {TrajectoryFormatError} naming the conversation and message that do not fit.
 */
export async function loadTrajectories(path: string): Promise<Session> {
  let data: unknown;
  try {
    data = JSON.parse(await readFile(path, 'utf8'));
  } catch (error) {
    throw new TrajectoryFormatError(`cannot read trajectories from ${path}: ${(error as Error).message}`);
  }
  if (!Array.isArray(data) || data.length === 0) {
    throw new TrajectoryFormatError(`${path}: expected a non-empty JSON array of conversations`);
  }
  return { conversations: data.length, calls: data.flatMap((conversation, index) => readConversation(conversation, index, path)) };
}

function readConversation(conversation: unknown, index: number, path: string): ToolCall[] {
  const where = `${path}: conversation ${index}`;
  const record = conversation as { info?: { task?: { user_id?: unknown } }; traj?: unknown };
  const customer = record?.info?.task?.user_id;
  if (typeof customer !== 'string' || customer === '') {
    throw new TrajectoryFormatError(`${where}: info.task.user_id is missing`);
  }
  if (!Array.isArray(record.traj)) {
    throw new TrajectoryFormatError(`${where}: traj is not a message list`);
  }

  const messages = record.traj as RawMessage[];
  const results = new Map<unknown, string>();
  for (const message of messages) {
    if (message?.role === 'tool' && typeof message.content === 'string') results.set(message.tool_call_id, message.content);
  }

  const calls: ToolCall[] = [];
  messages.forEach((message, position) => {
    for (const call of message?.tool_calls ?? []) {
      const name = call.function?.name;
      if (typeof name !== 'string') {
        throw new TrajectoryFormatError(`${where}, message ${position}: a tool call has no function name`);
      }
      calls.push({
        conversation: index,
        customer,
        tool: name,
        args: parseArguments(call.function?.arguments, `${where}, message ${position}, ${name}`),
        result: results.get(call.id) ?? null,
      });
    }
  });
  return calls;
}

function parseArguments(text: unknown, where: string): Record<string, unknown> {
  if (typeof text !== 'string') throw new TrajectoryFormatError(`${where}: arguments are not a JSON string`);
  try {
    const args: unknown = JSON.parse(text);
    if (typeof args === 'object' && args !== null && !Array.isArray(args)) return args as Record<string, unknown>;
  } catch {
    // Reported below with the location.
  }
  throw new TrajectoryFormatError(`${where}: arguments are not a JSON object`);
}
