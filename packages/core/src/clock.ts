/** Returns seconds since the Unix epoch, as a float. */
export type Clock = () => number;

/** Wall-clock seconds with millisecond resolution, comparable across machines as far as their clocks agree. */
export const systemClock: Clock = () => Date.now() / 1000;
