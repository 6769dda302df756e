// The interpreter of each text format the parser reads besides xe (chosen on the first line).
import type { LineInterpreter } from './dialect.ts';
import type { TextFormat } from './detect.ts';
import { I915Interpreter } from './i915.ts';
import { MsmInterpreter } from './msm.ts';
import { AmdgpuInterpreter } from './amdgpu.ts';
import { XeInterpreter } from './xe.ts';

export function interpreterFor(format: TextFormat): LineInterpreter {
  switch (format) {
    case 'i915': return new I915Interpreter();
    case 'msm': return new MsmInterpreter();
    case 'amdgpu': return new AmdgpuInterpreter();
    case 'xe': return new XeInterpreter();
  }
}
