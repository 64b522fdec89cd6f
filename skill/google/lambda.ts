// Placeholder until the skill lands; replaced by the skill's own entry.
export const handler = async (event: unknown, context: unknown): Promise<unknown> => {
  void event;
  void context;
  throw new Error("Rustpunt skill not built yet");
};
