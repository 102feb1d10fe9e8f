import { describe, expect, it } from 'vitest';
import { twoLineLabel } from './ChartPanel.tsx';

/** A bar's label beside the chart is cut to two lines' worth (the table below the chart has it in full). */
describe('twoLineLabel', () => {
  it('keeps a label that fits two lines as it is', () => {
    expect(twoLineLabel('Received from Kiteline Migrant Help')).toBe('Received from Kiteline Migrant Help');
    expect(twoLineLabel('x'.repeat(48))).toBe('x'.repeat(48));
  });

  it('cuts a longer label at a word, with an ellipsis', () => {
    const label = 'Diterima dari International Migration Support Office (IMSO)';
    const cut = twoLineLabel(label);
    expect(cut).toBe('Diterima dari International Migration Support…');
    expect(cut.length).toBeLessThanOrEqual(48);
    expect(label.startsWith(cut.slice(0, -1))).toBe(true);
  });

  it('cuts inside a word only when the label has no space in its second line', () => {
    const cut = twoLineLabel(`Received from ${'A'.repeat(60)}`);
    expect(cut).toBe(`Received from ${'A'.repeat(33)}…`);
  });
});
