import { main } from './main.js';

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(`demo-agent: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 2;
  },
);
