import { describe, expect, it } from 'vitest';
import { extractIdentifiers, previousIdentifiers } from './identifier-extraction.js';
import type { TrackingMessage } from './tracking-message.js';

const message = (overrides: Partial<TrackingMessage>): TrackingMessage => ({
  type: 'track', messageId: null, userId: null, anonymousId: null, previousId: null, groupId: null, name: 'x',
  timestamp: null, sentAt: null, context: {}, properties: {}, traits: {}, ...overrides,
});

describe('extractIdentifiers', () => {
  it.each<[string, Partial<TrackingMessage>, { type: string; value: string }[]]>([
    ['userId and anonymousId', { userId: ' u1 ', anonymousId: 'a1' }, [{ type: 'userId', value: 'u1' }, { type: 'anonymousId', value: 'a1' }]],
    ['blocked values ignored', { userId: 'anonymous', anonymousId: '00000000-0000-0000-0000-000000000000' }, []],
    ['traits ignored outside identify', { userId: 'u1', traits: { email: 'a@b.cn' } }, [{ type: 'userId', value: 'u1' }]],
    [
      'identify email and phone normalized',
      { type: 'identify', userId: 'u1', traits: { email: ' Li@Example.CN ', phone: '+86 138 1234 5678' } },
      [{ type: 'userId', value: 'u1' }, { type: 'mobile', value: '+8613812345678' }, { type: 'email', value: 'li@example.cn' }],
    ],
    ['mobile trait, in priority order', { type: 'identify', anonymousId: 'a1', traits: { mobile: '13812345678' } }, [{ type: 'mobile', value: '+8613812345678' }, { type: 'anonymousId', value: 'a1' }]],
    [
      'WeCom / WeChat ids from identify traits and context.traits',
      { type: 'identify', userId: 'u1', traits: { unionid: 'UN1', wecomExternalUserId: 'wm1' }, context: { traits: { openid: 'op1' } } },
      [{ type: 'userId', value: 'u1' }, { type: 'wechatUnionId', value: 'UN1' }, { type: 'wecomExternalUserId', value: 'wm1' }, { type: 'wechatOpenId', value: 'op1' }],
    ],
    ['context.traits on a track call; group traits are not the user’s', { type: 'group', anonymousId: 'a1', traits: { openid: 'group-op' }, context: { traits: { wechatUnionId: 'UN2' } } }, [{ type: 'wechatUnionId', value: 'UN2' }, { type: 'anonymousId', value: 'a1' }]],
    [
      'Segment externalIds: users collection, known type names, blocked ids skipped',
      {
        anonymousId: 'a1',
        context: {
          externalIds: [
            { id: 'wm2', type: 'wecom_external_userid', collection: 'users', encoding: 'none' },
            { id: 'X@Y.cn', type: 'email', collection: 'users', encoding: 'none' },
            { id: 'acct-1', type: 'wechatOpenId', collection: 'accounts', encoding: 'none' },
            { id: 'null', type: 'user_id', collection: 'users', encoding: 'none' },
            { id: 'z', type: 'unknownType', collection: 'users', encoding: 'none' },
          ],
        },
      },
      [{ type: 'wecomExternalUserId', value: 'wm2' }, { type: 'email', value: 'x@y.cn' }, { type: 'anonymousId', value: 'a1' }],
    ],
    ['invalid email and blocked phone left out', { type: 'identify', userId: 'u1', traits: { email: 'not-an-email', phone: '0' } }, [{ type: 'userId', value: 'u1' }]],
  ])('%s', (_name, overrides, expected) => {
    expect(extractIdentifiers(message(overrides))).toEqual(expected);
  });

  it('alias previousId may be a userId or an anonymousId; blocked gives nothing', () => {
    expect(previousIdentifiers(message({ type: 'alias', previousId: 'a1', userId: 'u1' }))).toEqual([{ type: 'userId', value: 'a1' }, { type: 'anonymousId', value: 'a1' }]);
    expect(previousIdentifiers(message({ type: 'alias', previousId: '-1', userId: 'u1' }))).toEqual([]);
  });
});
