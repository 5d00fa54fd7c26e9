import { ROUND_TYPE_IDS } from './model';
import { SHEET_TEMPLATES, sheetFeedback, sheetTemplate } from './sheet';
import { workspacePreset } from './workspace';

describe('the sheet', () => {
  it('frames a design round with requirements and a story round with a decision', () => {
    expect(sheetTemplate('system-design').sections.map((section) => section.label)).toEqual([
      'Functional requirements',
      'Non-goals',
      'Assumptions',
      'Constraints and scale',
      'API',
      'Data model',
      'Failure and risks',
      'Rollout',
    ]);
    expect(sheetTemplate('project-deep-dive').sections.map((section) => section.label)).toEqual([
      'Context',
      'Stakes',
      'Decision',
      'Alternatives',
      'Outcome',
      'What changed after',
    ]);
    expect(sheetTemplate('behavioral').kind).toBe('decision');
    expect(sheetTemplate('coding-screen').kind).toBe('requirements');
  });

  it('names each section once, with a hint, across both sheets', () => {
    const ids = Object.values(SHEET_TEMPLATES).flatMap((template) =>
      template.sections.map((section) => section.id),
    );
    expect(new Set(ids).size).toBe(ids.length);
    for (const template of Object.values(SHEET_TEMPLATES)) {
      for (const section of template.sections) expect(section.hint.length).toBeGreaterThan(20);
    }
  });

  it('tells the feedback which sections were never written down, blank ones included', () => {
    const texts: Record<string, string> = {
      functional: 'Shorten a URL; redirect in under 50 ms',
      scale: '100M redirects a day',
      api: '   \n ',
    };
    const feedback = sheetFeedback(sheetTemplate('system-design'), true, (id) => texts[id] ?? '');
    expect(feedback?.sections.find((section) => section.id === 'scale')?.text).toBe(
      '100M redirects a day',
    );
    expect(feedback?.neverWritten).toEqual([
      'Non-goals',
      'Assumptions',
      'API',
      'Data model',
      'Failure and risks',
      'Rollout',
    ]);
  });

  it('says nothing of a sheet the round did not open and nobody wrote in', () => {
    const template = sheetTemplate('coding-screen');
    expect(sheetFeedback(template, false, () => '')).toBeNull();
    expect(sheetFeedback(template, false, (id) => (id === 'api' ? 'GET /x' : ''))).toMatchObject({
      neverWritten: expect.arrayContaining(['Functional requirements']),
    });
    // Every round that opens the sheet hears about the empty sections even if nothing was written.
    for (const roundType of ROUND_TYPE_IDS) {
      const opens = workspacePreset(roundType).includes('sheet');
      expect(sheetFeedback(sheetTemplate(roundType), opens, () => '') === null).toBe(!opens);
    }
  });
});
