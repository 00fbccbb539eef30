import type { WireOffence as Offence } from '../common/wire';
import type { Prng } from '../../platform/prng';

/**
 * Criminal Law (Krimināllikums) articles, weighted by the offences of VPD clients starting in 2021
 * (DOMAIN.md §7, from the VPD annual report): petty theft 13 %, drink-driving 12 %, narcotics 10 %, …
 */
interface Article {
  article: string;
  title: string;
  weight: number;
  parts: number;
}

export const ARTICLES: readonly Article[] = [
  { article: '180', title: 'Zādzība, krāpšana, piesavināšanās nelielā apmērā', weight: 13, parts: 2 },
  {
    article: '262',
    title:
      'Mehāniskā transportlīdzekļa vadīšana alkohola, narkotisko, psihotropo, toksisko vai citu apreibinošo vielu ietekmē',
    weight: 12,
    parts: 3,
  },
  {
    article: '253',
    title: 'Narkotisko un psihotropo vielu neatļauta izgatavošana, iegādāšanās, glabāšana, pārvadāšana un pārsūtīšana',
    weight: 5,
    parts: 3,
  },
  {
    article: '253.1',
    title:
      'Narkotisko un psihotropo vielu neatļauta izgatavošana, iegādāšanās, glabāšana, pārvadāšana, pārsūtīšana un realizēšana',
    weight: 5,
    parts: 3,
  },
  { article: '175', title: 'Zādzība', weight: 8, parts: 4 },
  { article: '185', title: 'Tīša mantas iznīcināšana un bojāšana', weight: 6, parts: 3 },
  { article: '170', title: 'Izvairīšanās no uzturlīdzekļu maksāšanas', weight: 5, parts: 1 },
  { article: '312', title: 'Izvairīšanās no soda izciešanas', weight: 4, parts: 2 },
  {
    article: '253.2',
    title: 'Narkotisko un psihotropo vielu neatļauta iegādāšanās un glabāšana nelielā apmērā un neatļauta lietošana',
    weight: 3,
    parts: 2,
  },
  { article: '176', title: 'Laupīšana', weight: 3, parts: 4 },
  { article: '126', title: 'Tīšs vidēja smaguma miesas bojājums', weight: 3, parts: 3 },
  { article: '130', title: 'Tīšs viegls miesas bojājums', weight: 8, parts: 3 },
  { article: '231', title: 'Huligānisms', weight: 6, parts: 2 },
  { article: '177', title: 'Krāpšana', weight: 5, parts: 3 },
  { article: '270', title: 'Pretošanās varas pārstāvim vai citai valsts amatpersonai', weight: 3, parts: 3 },
  { article: '190', title: 'Kontrabanda', weight: 2, parts: 3 },
  {
    article: '260',
    title: 'Satiksmes noteikumu un transportlīdzekļu ekspluatācijas noteikumu pārkāpšana',
    weight: 3,
    parts: 3,
  },
];

const ORDINALS = ['pirmā', 'otrā', 'trešā', 'ceturtā', 'piektā'];

/** "Krimināllikuma 253.¹ panta otrā daļa" */
export function citation(article: string, part?: number): string {
  // "175." but "253.¹": the superscript replaces the ordinal dot
  const [base, sup] = article.split('.');
  const written = sup ? `${base}.${[...sup].map((d) => '⁰¹²³⁴⁵⁶⁷⁸⁹'[Number(d)]).join('')}` : `${base}.`;
  return `Krimināllikuma ${written} panta${part ? ` ${ORDINALS[part - 1] ?? `${part}.`} daļa` : ''}`;
}

export function pickOffence(rng: Prng): Offence {
  const a = rng.weighted(ARTICLES.map((x) => [x, x.weight] as const));
  const part = rng.weighted(Array.from({ length: a.parts }, (_, i) => [i + 1, i === 0 ? 6 : 2 / (i + 1)] as const));
  return { article: a.article, part, citation: citation(a.article, part), title: a.title };
}

/** One to three offences, different articles. */
export function pickOffences(rng: Prng): Offence[] {
  const n = rng.weighted([
    [1, 7],
    [2, 2],
    [3, 1],
  ] as const);
  const out: Offence[] = [];
  while (out.length < n) {
    const o = pickOffence(rng);
    if (!out.some((x) => x.article === o.article)) out.push(o);
  }
  return out;
}
