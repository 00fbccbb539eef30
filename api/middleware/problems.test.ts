import { WorkflowError, type WorkflowErrorKind } from '../../workflow/port';
import { engineProblem } from './problems';

describe('workflow errors as problems (the fall-back when a route does not say what they mean)', () => {
  const cases: [WorkflowErrorKind, number, RegExp][] = [
    ['not-found', 404, /does not know this item.*Reload the page/],
    ['gone', 409, /already completed or cancelled.*Reload the page/],
    ['conflict', 409, /Someone else changed this item meanwhile/],
    ['rejected', 400, /rejected the request: the engine's words/],
    ['unavailable', 503, /not reachable right now, so nothing was changed\. Try again in a minute/],
    ['timeout', 504, /may or may not have been made/],
    ['unauthorized', 502, /refused the API's credentials.*administrator.*req-1/],
    ['failed', 502, /failed to process the request\. Try again.*req-1/],
  ];
  it.each(cases)('%s → %i with a sentence that says what happened and what to do', (kind, status, detail) => {
    const p = engineProblem(new WorkflowError(kind, "the engine's words", 'POST /task/{id}/complete'), 'req-1');
    expect(p.status).toBe(status);
    expect(p.detail).toMatch(detail);
    expect(p.type).toMatch(/^https:\/\/plusflow\.vpd\.gov\.lv\/problems\//);
  });

  it('keeps the engine’s own words out of the answer unless they tell the user what to fix', () => {
    for (const kind of ['not-found', 'gone', 'conflict', 'unavailable', 'timeout', 'unauthorized', 'failed'] as const) {
      expect(
        engineProblem(new WorkflowError(kind, 'java.lang.NullPointerException at org.operaton', 'op'), 'r').detail,
      ).not.toContain('NullPointerException');
    }
  });
});
