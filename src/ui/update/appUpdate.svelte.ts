import { registerSW } from 'virtual:pwa-register';

/**
 * The app's service worker and its updates. A new version installs in the background and waits;
 * the user is told and chooses when to reload. A tab with work running (a job, an export, a save)
 * is never reloaded: not when its user asks (the button waits for the work), and not when another
 * tab takes the update (this tab then says that it runs the older version).
 */
export class AppUpdate {
  /** The app is stored in the browser: it opens and runs with the network off. */
  offlineReady = $state(false);
  /** A new version is waiting for a reload. */
  waiting = $state(false);
  /** Another tab took the new version; this one runs the older one until it reloads. */
  replaced = $state(false);
  /** Why the app cannot work offline here, when it cannot. */
  unavailable = $state('');
  private requested = false;
  private update: ((reload?: boolean) => Promise<void>) | null = null;

  constructor(private readonly busy: () => boolean) {}

  start(): void {
    if (!('serviceWorker' in navigator)) {
      this.unavailable = 'this browser has no service workers, or the page is not served over HTTPS';
      return;
    }
    this.update = registerSW({
      immediate: true,
      onOfflineReady: () => (this.offlineReady = true),
      onNeedRefresh: () => (this.waiting = true),
      // The new version took control: this tab's click reloads it; any other tab only says so.
      onNeedReload: () => {
        if (this.requested && !this.busy()) return location.reload();
        this.waiting = false;
        this.replaced = true;
      },
      onRegisterError: (error: unknown) => (this.unavailable = error instanceof Error ? error.message : String(error)),
    });
  }

  reload(): void {
    if (this.busy()) return;
    if (this.replaced || this.update === null) return location.reload();
    this.requested = true;
    void this.update(true);
  }
}
