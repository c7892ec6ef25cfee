/** What a run was made from, so anyone can reproduce it. */
export interface RunManifest {
  tool_version: string;
  model_file: string;
  model_sha256: string;
  data_file: string;
  data_sha256: string;
  /** `--set` overrides applied on the command line, as typed. */
  overrides: string[];
}
