// Placeholder until the slack adapter lands: mounts nothing.
import type { Register } from '../platform.js';

export const register: Register = () => ({ stop: async () => undefined });
