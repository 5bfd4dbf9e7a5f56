/*
 * Work the first paint does not need (starting the outbox courier, warming
 * the validators) runs after it, so the form shows as early as it can.
 */

/**
 * Runs `task` once, in a task after the next frame (so after its paint), or
 * after a second where no frame comes (a hidden tab paints none).
 */
export function afterFirstPaint(task: () => void): void {
  let pending = true;
  const once = () => {
    if (pending) task();
    pending = false;
  };
  requestAnimationFrame(() => setTimeout(once));
  setTimeout(once, 1000);
}
