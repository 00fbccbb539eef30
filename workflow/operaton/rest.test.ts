import { classify, engineDate } from './rest';

/** Operaton answers several user errors with 500 and an exception type; these decide what the user is told. */
describe('classify', () => {
  it('treats a task someone else holds or changed meanwhile as a conflict', () => {
    expect(classify(500, 'TaskAlreadyClaimedException', "Task 'x' is already claimed by someone else.")).toBe(
      'conflict',
    );
    expect(classify(500, 'OptimisticLockingException', 'ENGINE-03005 …')).toBe('conflict');
    expect(
      classify(
        500,
        'RestException',
        "Cannot complete task x: ENGINE-03005 Execution of 'INSERT VariableInstanceEntity[y]' failed. Entity was updated by another transaction concurrently.",
      ),
    ).toBe('conflict');
  });

  it('treats a task that is no longer open as gone, and an unknown id as not found', () => {
    expect(classify(500, 'RestException', 'Cannot complete task x: Cannot find task with id x: task is null')).toBe(
      'gone',
    );
    expect(classify(404, 'InvalidRequestException', "No process instance found for id 'x'")).toBe('not-found');
    expect(classify(500, 'NullValueException', "execution x doesn't exist: execution is null")).toBe('not-found');
  });

  it('tells configuration problems and refusals apart from failures', () => {
    expect(classify(401, undefined, undefined)).toBe('unauthorized');
    expect(classify(400, 'ParseException', 'ENGINE-09005 Could not parse BPMN process')).toBe('rejected');
    expect(classify(500, 'RestException', 'something else broke')).toBe('failed');
  });
});

it('writes dates as the REST API wants them', () => {
  expect(engineDate(new Date('2026-12-07T20:46:53Z'))).toBe('2026-12-07T20:46:53.000+0000');
});
