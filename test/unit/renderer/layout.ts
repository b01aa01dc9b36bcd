// jsdom lays nothing out. The register's virtual list reads its height from a ResizeObserver: this one tells it the
// list is 600 px tall, as a window would, so the tests see the lines a person would.

export class FixedSizeObserver {
  constructor(private readonly callback: ResizeObserverCallback) {}
  observe(target: Element) {
    Object.defineProperty(target, 'clientHeight', { configurable: true, value: 600 });
    this.callback([], this as unknown as ResizeObserver);
  }
  unobserve() {}
  disconnect() {}
}
