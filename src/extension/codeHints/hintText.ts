/**
 * What a param's inlay hint and hover say. A single-objective study names its best value (`best 0.003
 * (#12)`); a multi-objective study has no single best, so it names the range of the param over its
 * Pareto front and, in the hover, each front trial's value with every objective's. Pure (no vscode):
 * codeHints.ts turns these into an InlayHint and a MarkdownString.
 */
import { formatObjectiveValues, formatValue } from '../../core';
import { escapeMarkdown, objectivesText } from '../studies/studyPresentation';
import { paramRange, type ParamSite, topRange } from './paramSites';

/** Front trials a hover lists before `… and N more`. */
export const HOVER_FRONT_LIMIT = 10;

/** ` · best 0.003 (#12)`, or ` · front 0.001 – 0.01 (3 trials)`, with its tooltip. */
export function inlayHintText(site: ParamSite): { readonly label: string; readonly tooltip: string } {
  const { study, best, trials } = site.hint;
  if (site.inactive !== undefined && best !== null) {
    return { label: ` · inactive in best (#${best.number})`, tooltip: `${study.name}: ${site.param} is ${site.inactive}, the best (${study.metric} = ${formatValue(best.value)}); Apply leaves it as it is` };
  }
  if (best !== null) {
    return { label: ` · best ${site.bestText} (#${best.number})`, tooltip: `${study.name}: trial #${best.number} has ${site.param} = ${site.bestText} (${study.metric} = ${formatValue(best.value)})` };
  }
  const range = paramRange(trials, site.param);
  const count = `${trials.length} ${trials.length === 1 ? 'trial' : 'trials'}`;
  return {
    label: ` · front ${range?.text ?? '-'} (${count})`,
    tooltip: `${study.name} has no single best (${objectivesText(study)}): ${site.param} over its Pareto front of ${count}: ${site.values.map((v) => `${v.text} (#${v.trial.number})`).join(', ')}`,
  };
}

/**
 * The hover's Markdown, without the importance line and the leaderboard link (codeHints.ts adds them):
 * `applyLink(text)` is the command link that writes `text` over the site.
 */
export function hoverBody(site: ParamSite, current: string, applyLink: (text: string) => string): string[] {
  const { study, best, trials } = site.hint;
  const param = escapeMarkdown(site.param);
  if (site.inactive !== undefined && best !== null) {
    const lines = [
      `**${param}** · study **${escapeMarkdown(study.name)}** (${study.direction} \`${study.metric}\`)`,
      `Best: trial #${best.number} (${escapeMarkdown(study.metric)} = ${formatValue(best.value)}) does not have it: ${escapeMarkdown(site.inactive)}; Apply leaves \`${current}\` as it is`,
    ];
    const range = topRange(study, site.param);
    if (range) lines.push(`Top ${range.trials} trials that have it: ${escapeMarkdown(range.text)}`);
    return lines;
  }
  if (best !== null) {
    const lines = [
      `**${param}** · study **${escapeMarkdown(study.name)}** (${study.direction} \`${study.metric}\`)`,
      `Best: \`${site.bestText}\` in trial #${best.number} (${escapeMarkdown(study.metric)} = ${formatValue(best.value)})${site.differs ? `; here \`${current}\`` : ' — as here'}`,
    ];
    const range = topRange(study, site.param);
    if (range) lines.push(`Top ${range.trials} trials: ${escapeMarkdown(range.text)}`);
    return lines;
  }
  const here = site.values.filter((v) => v.unchanged).map((v) => `#${v.trial.number}`);
  const lines = [
    `**${param}** · study **${escapeMarkdown(study.name)}** (${escapeMarkdown(objectivesText(study))})`,
    `Pareto front: ${trials.length} ${trials.length === 1 ? 'trial' : 'trials'}, no single best; here \`${current}\`${here.length > 0 ? ` — as in ${here.join(', ')}` : ', no front trial’s value'}`,
  ];
  const listed = site.values.slice(0, HOVER_FRONT_LIMIT).map((v) => {
    const objectives = escapeMarkdown(formatObjectiveValues(v.trial.values, study.metrics));
    return `- \`${v.text}\` in #${v.trial.number} (${objectives})${v.unchanged ? ' — as here' : ` · [Apply](${applyLink(v.text)})`}`;
  });
  if (site.values.length > HOVER_FRONT_LIMIT) listed.push(`- … and ${site.values.length - HOVER_FRONT_LIMIT} more (Open Leaderboard)`);
  lines.push(listed.join('\n'));
  const range = paramRange(trials, site.param);
  if (range && trials.length > 1) lines.push(`Over the front: ${escapeMarkdown(range.text)}`);
  return lines;
}
