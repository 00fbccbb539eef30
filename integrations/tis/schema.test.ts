import { TisInboundSchema } from './schema';

const decision = {
  messageType: 'CONVERSION_DECISION',
  decisionId: 'TIS-LEM-2026-000017',
  rulingId: 'TIS-2026-00001234',
  court: 'Rīgas pilsētas tiesa',
  caseNumber: 'K30-0123-26/12',
  decisionDate: '2026-11-20',
  personalCode: '010190-10001',
  decision: 'CONVERTED',
  replacement: 'brīvības atņemšana uz 15 dienām',
};

describe('TIS conversion decision', () => {
  it('is accepted as inbound TIS message beside rulings', () => {
    const parsed = TisInboundSchema.parse(decision);
    expect(parsed.messageType).toBe('CONVERSION_DECISION');
  });

  it('requires what replaces the hours when the sentence was converted', () => {
    const r = TisInboundSchema.safeParse({ ...decision, replacement: undefined });
    expect(r.success).toBe(false);
    expect(r.error?.issues.map((i) => i.path.join('.'))).toEqual(['replacement']);
    expect(TisInboundSchema.safeParse({ ...decision, decision: 'NOT_CONVERTED', replacement: undefined }).success).toBe(
      true,
    );
  });
});
