import config from "../../deno.json" with { type: "json" };

/** The tool's version, from deno.json, recorded in every manifest. */
export const TOOL_VERSION: string = config.version;
