// Plays a finished preview with whatever player the machine has: ffplay (ffmpeg's, anywhere),
// aplay (ALSA, Linux) or afplay (macOS). None is required: without one the path is enough.
import { spawn } from "node:child_process";
import { accessSync, constants } from "node:fs";
import path from "node:path";

interface Player {
  name: string;
  args: (file: string) => string[];
}

const PLAYERS: Player[] = [
  { name: "ffplay", args: (file) => ["-nodisp", "-autoexit", "-loglevel", "error", file] },
  { name: "aplay", args: (file) => ["-q", file] },
  { name: "afplay", args: (file) => [file] },
];

/** The first player on PATH, or undefined. */
export function findPlayer(env: NodeJS.ProcessEnv = process.env): { command: string; args: (file: string) => string[]; name: string } | undefined {
  const dirs = (env.PATH ?? "").split(path.delimiter).filter(Boolean);
  for (const player of PLAYERS) {
    for (const dir of dirs) {
      const command = path.join(dir, player.name);
      try {
        accessSync(command, constants.X_OK);
        return { command, args: player.args, name: player.name };
      } catch {
        // not in this folder
      }
    }
  }
  return undefined;
}

/** Resolves when the player has finished; rejects with its name and exit code when it fails. */
export function playAudio(command: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ["ignore", "inherit", "inherit"] });
    child.once("error", reject);
    child.once("exit", (code, signal) => {
      if (code === 0 || signal === "SIGINT") resolve();
      else reject(new Error(`${path.basename(command)} stopped with ${signal ?? `exit code ${code}`}`));
    });
  });
}
