'use strict';
// Polyfills for running Node-22-era packages (aws-local-stepfunctions 3.x) on Node 20.
// Load with: node --require ./scripts/rehearsal/polyfills.cjs <script>
// (or NODE_OPTIONS="--require /abs/path/scripts/rehearsal/polyfills.cjs").
// Each polyfill is installed only when the runtime lacks the feature, so this file is a
// no-op on Node >= 22.

if (typeof Promise.withResolvers !== 'function') {
  Object.defineProperty(Promise, 'withResolvers', {
    configurable: true,
    writable: true,
    enumerable: false,
    value: function withResolvers() {
      let resolve;
      let reject;
      // `this` allows subclasses (Promise.withResolvers.call(MyPromise)), like the native one.
      const C = typeof this === 'function' ? this : Promise;
      const promise = new C((res, rej) => {
        resolve = res;
        reject = rej;
      });
      return { promise, resolve, reject };
    },
  });
}
