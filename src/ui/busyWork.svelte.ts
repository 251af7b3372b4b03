/**
 * Work in this tab that a reload would stop and that no job status shows (an export, a file being
 * saved). The update prompt waits for it.
 */
class BusyWork {
  count = $state(0);

  async during<T>(work: () => Promise<T>): Promise<T> {
    this.count++;
    try {
      return await work();
    } finally {
      this.count--;
    }
  }
}

export const busyWork = new BusyWork();
