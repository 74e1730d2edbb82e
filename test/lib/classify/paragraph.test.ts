import { describe, it, expect } from 'vitest';
import { classifyBlocks, classifyParagraph } from '../../../src/lib/classify/paragraph.ts';

describe('classifyParagraph', () => {
  it('reads a narrative of what broke as the mechanism', () => {
    expect(
      classifyParagraph(
        'A change to the session store lowered the idle timeout to 5 seconds. Long uploads then failed half way, because the proxy dropped the connection and the client did not retry.',
      )?.slot,
    ).toBe('mechanism');
  });

  it('reads suspects and ruled-out paths as the investigation path', () => {
    expect(
      classifyParagraph(
        'We first thought the load balancer was at fault and ruled it out after checking its logs.',
      )?.slot,
    ).toBe('investigation');
    expect(
      classifyParagraph(
        'The on-call engineer was paged at 03:10 and began investigating the queue consumers.',
      )?.slot,
    ).toBe('investigation');
  });

  it('reads factors that made it worse as contributing factors', () => {
    expect(
      classifyParagraph(
        'The outage was compounded by a retry loop in the mobile client, which combined with the cache misses to double the load.',
      )?.slot,
    ).toBe('contributing');
  });

  it('reads missing runbooks, alerting and review gaps as systemic factors', () => {
    expect(
      classifyParagraph(
        "There was no runbook for the failover, and alerting didn't cover the replica lag.",
      )?.slot,
    ).toBe('systemic');
    expect(
      classifyParagraph('Our review process lacked a step for schema changes on shared tables.')
        ?.slot,
    ).toBe('systemic');
  });

  it('reads plans as action items and learnings as lessons', () => {
    expect(
      classifyParagraph("We'll add a canary stage and we are going to page on queue depth.")?.slot,
    ).toBe('actionItems');
    expect(
      classifyParagraph('The main lesson we learned is that dashboards are not alerts.')?.slot,
    ).toBe('lessons');
  });

  it('reads a short paragraph about impact as the summary', () => {
    expect(
      classifyParagraph(
        'Customers were impacted for 40 minutes: about 12% of logins failed and the app was unavailable in two regions.',
      )?.slot,
    ).toBe('summary');
  });

  it('gives no reading to a paragraph with no cue', () => {
    expect(
      classifyParagraph('Thanks to everyone who helped over the weekend. Coffee is on us.'),
    ).toBeUndefined();
    expect(classifyParagraph('')).toBeUndefined();
  });

  it('does not read the stem "training" of a model as a systemic gap', () => {
    expect(
      classifyParagraph(
        'The model was trained on data where the feature was tokenised differently.',
      ),
    ).toBeUndefined();
  });

  it('names the cues that decided, counting a phrase inside a longer one once', () => {
    const reading = classifyParagraph('To prevent similar incidents we will review every flag.');
    expect(reading?.slot).toBe('actionItems');
    expect(reading?.cues).toEqual(['to prevent similar', 'we will']);
    expect(reading?.score).toBe(5);
  });
});

describe('classifyBlocks', () => {
  const text = [
    'Checkout was down for 20 minutes for every customer.',
    'A deploy changed the cache key format, which caused every read to miss and the service crashed.',
    '```\nERROR cache miss basket:v2:17\n```',
    'We suspected the payment provider first, then ruled it out.',
  ].join('\n\n');

  it('places each block, keeps code with the paragraph before it and joins neighbours', () => {
    expect(classifyBlocks(text, { first: 'summary', fallback: 'mechanism' })).toEqual([
      { slot: 'summary', text: 'Checkout was down for 20 minutes for every customer.' },
      {
        slot: 'mechanism',
        text: 'A deploy changed the cache key format, which caused every read to miss and the service crashed.\n\n```\nERROR cache miss basket:v2:17\n```',
      },
      {
        slot: 'investigation',
        text: 'We suspected the payment provider first, then ruled it out.',
      },
    ]);
  });

  it('leaves text with no signal unplaced when no fallback is given', () => {
    expect(classifyBlocks('Thanks to the team.\n\n- Ana\n- Bo')).toEqual([
      { slot: undefined, text: 'Thanks to the team.\n\n- Ana\n- Bo' },
    ]);
  });

  it('gives prose with no signal the fallback slot', () => {
    expect(classifyBlocks('Thanks to the team.', { fallback: 'mechanism' })).toEqual([
      { slot: 'mechanism', text: 'Thanks to the team.' },
    ]);
  });
});
