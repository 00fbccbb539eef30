// Integration tests wait on a real engine (timers, external tasks, workers); `testTimeout` is not a
// per-project option in jest, so the generous limit is set here for the integration project only.
jest.setTimeout(180_000);
