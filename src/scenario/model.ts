/**
 * The validated, normalised scenario model shared by every layer.
 *
 * Field names follow the scenario file format (snake_case) so a scenario can be written back
 * unchanged and overlays from sweep files address the same names users see.
 *
 * @module
 */

/** One compute unit of the SoC (CPU, GPU, NPU, DSP...). */
export interface Device {
  /** Identifier used by links and stage profiles. */
  name: string;
  /** Human-readable name; defaults to `name`. */
  label: string;
  /** Memory budget for the stages placed on this device, in MB. */
  memory_mb: number;
}

/** A transfer path between two devices; `bidirectional` links also apply target to source. */
export interface Link {
  source: string;
  target: string;
  latency_ms_per_mb: number;
  energy_mj_per_mb: number;
  bidirectional: boolean;
}

/** Cost of running one stage on one device. */
export interface Profile {
  latency_ms: number;
  energy_mj: number;
  memory_mb: number;
}

/** One pipeline stage; `profiles` keeps the file's order, which breaks exact ties. */
export interface Stage {
  name: string;
  description: string;
  /** Size of this stage's output, moved to the next stage when it runs elsewhere. */
  output_mb: number;
  profiles: Record<string, Profile>;
}

/** End-to-end caps; `null` means uncapped. */
export interface Constraints {
  max_total_latency_ms: number | null;
  max_total_energy_mj: number | null;
}

/** A complete, validated scenario. */
export interface Scenario {
  name: string;
  description: string;
  devices: Device[];
  links: Link[];
  stages: Stage[];
  constraints: Constraints;
}
