import { HttpProblem } from '../problem';
import { checkXmlSafety, maxDepth } from './xml-safety';

const refusal = (xml: string) => {
  try {
    checkXmlSafety(xml);
    return undefined;
  } catch (err) {
    return err instanceof HttpProblem ? { status: err.status, title: err.title, detail: err.detail } : err;
  }
};

describe('diagram safety at save', () => {
  it('refuses any DOCTYPE (external entities, entity expansion) with a sentence that says so', () => {
    const laughs =
      '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]><definitions>&lol2;</definitions>';
    const xxe =
      '<?xml version="1.0"?><!doctype d [<!ENTITY x SYSTEM "file:///etc/passwd">]><definitions>&x;</definitions>';
    for (const xml of [laughs, xxe, '<!DOCTYPE definitions><definitions/>']) {
      expect(refusal(xml)).toMatchObject({
        status: 422,
        title: 'Diagram with a DOCTYPE',
        detail: expect.stringContaining('Remove the DOCTYPE and save again'),
      });
    }
  });

  it('refuses nesting deeper than 200 levels, counted without a parser', () => {
    const deep = `<definitions>${'<a>'.repeat(100_000)}${'</a>'.repeat(100_000)}</definitions>`;
    expect(refusal(deep)).toMatchObject({ status: 422, title: 'Diagram nested too deeply' });
    expect(maxDepth('<a x="1>2"><b/><c><!-- <d><e> --><![CDATA[<f><g>]]><h></h></c></a>')).toBe(3);
    expect(
      refusal('<?xml version="1.0"?><definitions><process id="p"><task id="t"/></process></definitions>'),
    ).toBeUndefined();
  });
});
