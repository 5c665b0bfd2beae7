// deno-lint-ignore-file no-console -- the CLI is where the program talks to the user
import { z } from "zod";
import { ScenarioSchema } from "../scenario/mod.ts";
import { parseFlags } from "./flags.ts";
import { writeOutput } from "./write_output.ts";

/** The scenario JSON Schema, generated from the zod schema, as the text `schema` writes. */
export function scenarioJsonSchemaText(): string {
  const jsonSchema = {
    ...z.toJSONSchema(ScenarioSchema),
    title: "Edge Inference Planner scenario",
    description: "A pipeline of stages, the devices they can run on, links and caps.",
  };
  return JSON.stringify(jsonSchema, null, 2) + "\n";
}

/** `schema`: writes the scenario JSON Schema generated from the zod schema. */
export async function schema(args: string[]): Promise<number> {
  const { values } = parseFlags("schema", args, {
    output: { type: "string", default: "docs/scenario.schema.json" },
  });
  await writeOutput(values.output, scenarioJsonSchemaText());
  console.error(`Wrote scenario JSON Schema to ${values.output}`);
  return 0;
}
