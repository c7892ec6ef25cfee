/** What a run was made from, so anyone can reproduce it. */
export type RunManifest = {
  tool_version: string;
  model_file: string;
  model_sha256: string;
  data_file: string;
  data_sha256: string;
  /** `--set` overrides applied on the command line, as typed (a scenario's too). */
  overrides: string[];
  /** The scenarios applied, from the one nearest the model, with their digests. */
  scenarios?: { file: string; title: string; sha256: string }[];
};
