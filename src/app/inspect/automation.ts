// Automation hook: end-to-end tests set the hex cursor and selection through the hex store.
import { useHexStore } from '../hex/hex-store.ts';

declare global {
  interface Window {
    __devcoredump_hex?: typeof useHexStore;
  }
}
if (typeof window !== 'undefined') window.__devcoredump_hex = useHexStore;
