// deno-lint-ignore-file no-console -- the CLI is where the program talks to the user
import { z } from "zod";
import { ScenarioSchema } from "../scenario/mod.ts";
import { parseFlags } from "./flags.ts";
import { writeOutput } from "./write_output.ts";

/** `schema`: writes the scenario JSON Schema generated from the zod schema. */
export async function schema(args: string[]): Promise<number> {
  const { values } = parseFlags("schema", args, {
    output: { type: "string", default: "schema/scenario.schema.json" },
  });
  const jsonSchema = {
    ...z.toJSONSchema(ScenarioSchema),
    title: "Edge Inference Planner scenario",
    description: "A pipeline of stages, the devices they can run on, links and caps.",
  };
  await writeOutput(values.output, JSON.stringify(jsonSchema, null, 2) + "\n");
  console.error(`Wrote scenario JSON Schema to ${values.output}`);
  return 0;
}
