// Every command that reads the scripts takes their folder the same way: `--scripts <dir>`, by
// default the repository's scripts/ (the loader's own default).
import { Option } from "commander";

export function scriptsOption(): Option {
  return new Option("--scripts <dir>", "scripts folder, with one folder per locale (default: the repository's scripts/)");
}
