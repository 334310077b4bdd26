// Entry of a theorem-pool worker thread: registers tsx in this thread too (loader hooks are per
// thread), so the TypeScript sources and a user's --method FILE load here as under `npx tmc`.
import { register } from 'tsx/esm/api';

register();
const { runTask } = await import('./tasks.ts');
export default runTask;
