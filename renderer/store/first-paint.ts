// When the page first painted with its lists (App's effect after that commit): work that would render
// the lists again, such as the start-up catch-up (bind-events.ts), waits for it.
let painted = () => {};
export const firstListsPainted = new Promise<void>((resolve) => (painted = resolve));
export const noteListsPainted = (): void => painted();
