/**
 * Test support for {@linkcode writeFixture}: a tiny 7-stage, 3-device pipeline model (costs,
 * links, device profiles, goals) and the exhaustive list of its memory-feasible placements.
 *
 * @module
 */
/** A device and its memory budget, MB. */
export interface Device {
  name: string;
  memory: number;
}

/** A stage's cost on one device. */
export interface Cost {
  lat: number;
  en: number;
  mem: number;
}

/** A pipeline stage: output size and costs per device. */
export interface Stage {
  name: string;
  out: number;
  costs: Record<string, Cost>;
}

/** One placement with its totals and per-stage detail. */
export interface Placement {
  devices: string[];
  lat: number;
  en: number;
  switches: number;
  mem: Record<string, number>;
  stages: Record<string, unknown>[];
}

const LINKS: Record<string, { lat: number; en: number }> = {
  "cpu>gpu": { lat: 0.05, en: 0.04 },
  "cpu>npu": { lat: 0.08, en: 0.05 },
  "gpu>npu": { lat: 0.09, en: 0.06 },
};

/** Score weights (latency, energy, switch) of the goal presets. */
export const GOALS: Record<string, [number, number, number]> = {
  latency: [1.0, 0.2, 0.08],
  balanced: [0.75, 0.75, 0.08],
  efficiency: [0.35, 1.0, 0.08],
};

/** Device profiles of the fixture sweep. */
export const PROFILES = ["as_measured", "no_npu", "small_npu", "hot_gpu"];

/** The 7 stages; the last one is named `lastName`, every cost scaled by `scale`. */
export function baseStages(lastName: string, scale: number): Stage[] {
  const s = (lat: number, en: number, mem: number): Cost => ({
    lat: lat * scale,
    en: en * scale,
    mem,
  });
  return [
    { name: "frame_decode", out: 24, costs: { cpu: s(5.6, 4.2, 280), gpu: s(3.1, 5.4, 420) } },
    {
      name: "resize_normalize",
      out: 12,
      costs: { cpu: s(3.4, 2.9, 220), gpu: s(1.9, 3.4, 350), npu: s(1.5, 2.1, 160) },
    },
    {
      name: "backbone_embedding",
      out: 8,
      costs: { cpu: s(21, 19, 900), gpu: s(7.2, 9.6, 1400), npu: s(6.1, 4.4, 1100) },
    },
    {
      name: "detection_head",
      out: 2,
      costs: { cpu: s(6.5, 5.1, 300), gpu: s(2.8, 3.9, 380), npu: s(2.2, 1.9, 420) },
    },
    {
      name: "text_encoder",
      out: 1,
      costs: { cpu: s(9.1, 6.6, 500), gpu: s(4.0, 5.2, 640), npu: s(3.6, 2.8, 600) },
    },
    {
      name: "fusion_block",
      out: 4,
      costs: { cpu: s(8.0, 6.9, 400), gpu: s(3.3, 4.6, 560), npu: s(3.1, 2.6, 296) },
    },
    { name: lastName, out: 0, costs: { cpu: s(4.4, 3.0, 200), gpu: s(2.2, 3.3, 250) } },
  ];
}

/** The devices (and budgets) under a device profile. */
export function devicesFor(profile: string): Device[] {
  const devices = [
    { name: "cpu", memory: 4096 },
    { name: "gpu", memory: 6144 },
    { name: "npu", memory: profile === "small_npu" ? 1536 : 3072 },
  ];
  return profile === "no_npu" ? devices.filter((d) => d.name !== "npu") : devices;
}

function link(a: string, b: string) {
  return LINKS[`${a}>${b}`] ?? LINKS[`${b}>${a}`];
}

/** Every memory-feasible placement of the pipeline under one device profile. */
export function placements(stages: Stage[], profile: string): Placement[] {
  const devices = devicesFor(profile);
  const gpuScale = profile === "hot_gpu" ? { lat: 1.6, en: 1.2 } : { lat: 1, en: 1 };
  const out: Placement[] = [];
  const walk = (i: number, chosen: string[]) => {
    if (i === stages.length) {
      const mem: Record<string, number> = Object.fromEntries(devices.map((d) => [d.name, 0]));
      let lat = 0, en = 0, switches = 0;
      const detail: Record<string, unknown>[] = [];
      for (const [k, stage] of stages.entries()) {
        const device = chosen[k]!;
        const cost = stage.costs[device]!;
        const f = device === "gpu" ? gpuScale : { lat: 1, en: 1 };
        let xl = 0, xe = 0;
        const prev = chosen[k - 1];
        if (prev !== undefined && prev !== device) {
          switches++;
          const l = link(prev, device)!;
          xl = stages[k - 1]!.out * l.lat;
          xe = stages[k - 1]!.out * l.en;
        }
        lat += cost.lat * f.lat + xl;
        en += cost.en * f.en + xe;
        mem[device] = (mem[device] ?? 0) + cost.mem;
        detail.push({
          stage_name: stage.name,
          device_name: device,
          execution_latency_ms: round(cost.lat * f.lat),
          transfer_latency_ms: round(xl),
          execution_energy_mj: round(cost.en * f.en),
          transfer_energy_mj: round(xe),
          memory_mb: cost.mem,
        });
      }
      if (devices.every((d) => (mem[d.name] ?? 0) <= d.memory)) {
        out.push({ devices: [...chosen], lat, en, switches, mem, stages: detail });
      }
      return;
    }
    for (const d of devices) {
      const prev = chosen[i - 1];
      if (!(d.name in stages[i]!.costs)) continue;
      if (prev !== undefined && prev !== d.name && !link(prev, d.name)) continue;
      chosen.push(d.name);
      walk(i + 1, chosen);
      chosen.pop();
    }
  };
  walk(0, []);
  return out;
}

/** Rounds to `digits` decimals. */
export function round(x: number, digits = 4): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

/** A small deterministic 16-hex-digit hash, for configuration ids. */
export function hashId(text: string): string {
  let h1 = 0x811c9dc5, h2 = 0x01000193;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 16777619);
    h2 = Math.imul(h2 ^ c, 2246822519);
  }
  return ((h1 >>> 0).toString(16).padStart(8, "0") + (h2 >>> 0).toString(16).padStart(8, "0"));
}
