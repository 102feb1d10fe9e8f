import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ADMIN, screenshot, signIn, startE2E, type E2E } from './harness.ts';

/** The monitor organisation's own analyst: may add articles and review claims. */
const ANALYST = { email: 'analyst@monitor-compound-watch.demo.refuge.example', password: DEMO_ADMIN.password };

// Three tellings of one event that disagree on how many people left: 1,440, "more than 1,400" and 900.
const ARTICLES = [
  {
    publisher: 'Lakeside Wire',
    text: `Police free 1,440 Indonesians from Amber Willow compound

Police in Sihanoukville said on Tuesday that 1,440 Indonesian nationals had left the Amber Willow compound. "Every worker will be sent home," said Dara Sovann, a police spokesman. The owner, Heng Lai, could not be reached.`,
  },
  {
    publisher: 'Gulf Ledger',
    text: `Amber Willow compound emptied

More than 1,400 Indonesians walked out of the Amber Willow compound in Sihanoukville on Tuesday, police spokesman Dara Sovann said. He said every worker would be sent home. The owner, Heng Lai, could not be reached.`,
  },
  {
    publisher: 'Border Courier',
    text: `Hundreds leave Amber Willow compound in Sihanoukville

Police in Sihanoukville said on Tuesday that 900 Indonesian nationals had left the Amber Willow compound. Spokesman Dara Sovann said every worker would be sent home. The owner, Heng Lai, could not be reached.`,
  },
];

describe('articles in Chromium', () => {
  let e2e: E2E;
  beforeAll(async () => {
    e2e = await startE2E();
  });
  afterAll(async () => {
    await e2e?.stop();
  });

  it('a monitor pastes three articles that disagree on a figure, opens the story and reviews the claims', async () => {
    const page = await e2e.newPage();
    await signIn(page, ANALYST.email, ANALYST.password);
    await page.goto('/monitoring/articles');
    await page.getByRole('heading', { level: 1, name: 'Reports and news' }).waitFor();
    await page.getByText('Add an article').click();
    for (const a of ARTICLES) {
      await page.getByLabel('Article text').fill(a.text);
      await page.getByLabel('Publisher').fill(a.publisher);
      await page.getByLabel('Publication date').fill('2025-11-11');
      await page.getByRole('button', { name: 'Add article' }).click();
      await page
        .getByRole('status')
        .filter({ hasText: /Article added: \d+ claims, language en/ })
        .waitFor();
      await expect.poll(() => page.getByLabel('Article text').inputValue()).toBe('');
    }
    await screenshot(page, 'articles-added-1280');

    // One story, three articles, flagged as disagreeing.
    const story = page.getByTestId('story').filter({ hasText: 'Amber Willow' });
    await expect.poll(() => story.count()).toBe(1);
    await expect.poll(() => story.textContent()).toMatch(/3 articles/);
    await expect.poll(() => story.textContent()).toMatch(/disagreement/);
    await story.getByRole('link').click();

    // The figures side by side: each source's value and quote, the 900 marked as conflicting.
    const figures = page.locator('section[aria-labelledby="story-figures"]');
    await figures.getByRole('table').first().waitFor();
    const rows = figures.locator('tbody tr');
    await expect
      .poll(() => rows.allTextContents())
      .toEqual(
        expect.arrayContaining([
          expect.stringMatching(/Lakeside Wire.*1,440/),
          expect.stringMatching(/Gulf Ledger.*at least 1,401/),
          expect.stringMatching(/Border Courier.*900.*conflicts with another source/),
        ]),
      );
    await screenshot(page, 'articles-story-figures-1280');

    // Accept the 1,440, mark the 900 disputed: their status shows, and stays after a reload.
    const claim = (quote: RegExp) => page.getByTestId('claim').filter({ has: page.locator('q', { hasText: quote }) });
    const accepted = claim(/^1,440 Indonesian nationals$/);
    const disputed = claim(/^900 Indonesian nationals$/);
    await accepted.getByRole('button', { name: 'Accept' }).click();
    await expect.poll(() => accepted.getByRole('button', { name: 'Accept' }).isDisabled()).toBe(true);
    await disputed.getByRole('button', { name: 'Dispute' }).click();
    await expect.poll(() => disputed.getByRole('button', { name: 'Dispute' }).isDisabled()).toBe(true);
    await page.reload();
    await expect.poll(() => claim(/^1,440 Indonesian nationals$/).textContent()).toMatch(/Accepted/);
    await expect.poll(() => claim(/^900 Indonesian nationals$/).textContent()).toMatch(/Disputed/);
    // The figures table shows the review next to each source's value.
    await expect.poll(() => rows.filter({ hasText: '900 Indonesian nationals' }).textContent()).toMatch(/Disputed/);
    await expect.poll(() => rows.filter({ hasText: '1,440 Indonesian nationals' }).textContent()).toMatch(/Accepted/);
    // "the Amber Willow compound" names a site, not a person.
    expect(
      await page
        .getByTestId('claim')
        .filter({ hasText: /^“?Amber Willow/ })
        .count(),
    ).toBe(0);
    await screenshot(page, 'articles-story-reviewed-1280');
    // The sign-in page's session probe answers 401 before signing in; nothing else may fail.
    expect(e2e.consoleErrors(page).filter((e) => !/status of 401/.test(e))).toEqual([]);
  });
});
