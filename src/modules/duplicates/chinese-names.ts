/**
 * Chinese personal names for matching (DOMAIN §2: 张先生 ~ Mr. Zhang, Zhang San ~ 张三). Pure.
 * Small tables, not a pinyin dictionary: the ~100 most common surnames and ~120 common given-name
 * characters (toneless pinyin). A name with a character outside them keeps its Han form.
 */

/** The ~100 most common surnames (single and a few compound), toneless pinyin. */
export const SURNAME_PINYIN: Readonly<Record<string, string>> = {
  王: 'wang', 李: 'li', 张: 'zhang', 刘: 'liu', 陈: 'chen', 杨: 'yang', 黄: 'huang', 赵: 'zhao', 吴: 'wu', 周: 'zhou',
  徐: 'xu', 孙: 'sun', 马: 'ma', 朱: 'zhu', 胡: 'hu', 郭: 'guo', 何: 'he', 高: 'gao', 林: 'lin', 罗: 'luo',
  郑: 'zheng', 梁: 'liang', 谢: 'xie', 宋: 'song', 唐: 'tang', 许: 'xu', 韩: 'han', 冯: 'feng', 邓: 'deng', 曹: 'cao',
  彭: 'peng', 曾: 'zeng', 肖: 'xiao', 田: 'tian', 董: 'dong', 袁: 'yuan', 潘: 'pan', 于: 'yu', 蒋: 'jiang', 蔡: 'cai',
  余: 'yu', 杜: 'du', 叶: 'ye', 程: 'cheng', 苏: 'su', 魏: 'wei', 吕: 'lv', 丁: 'ding', 任: 'ren', 沈: 'shen',
  姚: 'yao', 卢: 'lu', 姜: 'jiang', 崔: 'cui', 钟: 'zhong', 谭: 'tan', 陆: 'lu', 汪: 'wang', 范: 'fan', 金: 'jin',
  石: 'shi', 廖: 'liao', 贾: 'jia', 夏: 'xia', 韦: 'wei', 付: 'fu', 方: 'fang', 白: 'bai', 邹: 'zou', 孟: 'meng',
  熊: 'xiong', 秦: 'qin', 邱: 'qiu', 江: 'jiang', 尹: 'yin', 薛: 'xue', 闫: 'yan', 段: 'duan', 雷: 'lei', 侯: 'hou',
  龙: 'long', 史: 'shi', 陶: 'tao', 黎: 'li', 贺: 'he', 顾: 'gu', 毛: 'mao', 郝: 'hao', 龚: 'gong', 邵: 'shao',
  万: 'wan', 钱: 'qian', 严: 'yan', 覃: 'qin', 武: 'wu', 戴: 'dai', 莫: 'mo', 孔: 'kong', 向: 'xiang', 汤: 'tang',
  欧阳: 'ouyang', 司马: 'sima', 上官: 'shangguan', 诸葛: 'zhuge', 东方: 'dongfang', 皇甫: 'huangfu', 令狐: 'linghu',
};

/** Common given-name characters (enough for 张三/李四 and frequent names; not exhaustive). */
export const GIVEN_PINYIN: Readonly<Record<string, string>> = {
  一: 'yi', 二: 'er', 三: 'san', 四: 'si', 五: 'wu', 六: 'liu', 七: 'qi', 八: 'ba', 九: 'jiu', 十: 'shi',
  伟: 'wei', 芳: 'fang', 娜: 'na', 敏: 'min', 静: 'jing', 丽: 'li', 强: 'qiang', 磊: 'lei', 军: 'jun', 洋: 'yang',
  勇: 'yong', 艳: 'yan', 杰: 'jie', 娟: 'juan', 涛: 'tao', 明: 'ming', 超: 'chao', 秀: 'xiu', 英: 'ying', 华: 'hua',
  霞: 'xia', 平: 'ping', 刚: 'gang', 桂: 'gui', 兰: 'lan', 玉: 'yu', 萍: 'ping', 红: 'hong', 文: 'wen', 辉: 'hui',
  建: 'jian', 国: 'guo', 志: 'zhi', 海: 'hai', 鹏: 'peng', 飞: 'fei', 峰: 'feng', 斌: 'bin', 波: 'bo', 宇: 'yu',
  浩: 'hao', 凯: 'kai', 健: 'jian', 俊: 'jun', 帆: 'fan', 帅: 'shuai', 旭: 'xu', 宁: 'ning', 龙: 'long', 林: 'lin',
  欣: 'xin', 怡: 'yi', 婷: 'ting', 雪: 'xue', 琳: 'lin', 晶: 'jing', 颖: 'ying', 倩: 'qian', 慧: 'hui', 佳: 'jia',
  梅: 'mei', 莉: 'li', 燕: 'yan', 玲: 'ling', 丹: 'dan', 琴: 'qin', 云: 'yun', 璐: 'lu', 欢: 'huan', 晨: 'chen',
  子: 'zi', 梓: 'zi', 涵: 'han', 轩: 'xuan', 睿: 'rui', 博: 'bo', 思: 'si', 雨: 'yu', 嘉: 'jia', 泽: 'ze',
  晓: 'xiao', 小: 'xiao', 大: 'da', 天: 'tian', 东: 'dong', 春: 'chun', 阳: 'yang', 光: 'guang', 金: 'jin', 成: 'cheng',
  荣: 'rong', 新: 'xin', 永: 'yong', 利: 'li', 清: 'qing', 德: 'de', 宏: 'hong', 亮: 'liang', 彬: 'bin', 鑫: 'xin',
  振: 'zhen', 家: 'jia', 安: 'an', 正: 'zheng', 中: 'zhong', 丰: 'feng', 和: 'he', 立: 'li', 生: 'sheng', 民: 'min',
};

const HONORIFICS_ZH: ReadonlyArray<[string, 'm' | 'f' | '']> = [
  ['先生', 'm'], ['女士', 'f'], ['小姐', 'f'], ['太太', 'f'], ['总', ''], ['经理', ''], ['老师', ''], ['老板', ''],
];
const HONORIFIC_LATIN = /^(mr|mrs|ms|miss|madam|mx|dr)\.?$/;

export interface ParsedName {
  /** Surname in toneless pinyin (Han form when outside the table), '' when there is no name. */
  surname: string;
  /** Given name as pinyin without spaces (Han form when a character is unknown), '' for an honorific-only name. */
  given: string;
  /** 'm' / 'f' from the honorific, '' when none or neutral. */
  title: 'm' | 'f' | '';
}

const HAN = /^\p{Script=Han}+$/u;

function latinGender(t: string): 'm' | 'f' | '' {
  if (t.startsWith('mr') && !t.startsWith('mrs')) return 'm';
  if (t === 'dr' || t === 'dr.' || t.startsWith('mx')) return '';
  return 'f';
}

function parseHan(name: string): ParsedName {
  let rest = name;
  let title: ParsedName['title'] = '';
  let honorific = false;
  for (const [h, g] of HONORIFICS_ZH) {
    if (rest.length > h.length && rest.endsWith(h)) {
      rest = rest.slice(0, -h.length);
      title = g;
      honorific = true;
      break;
    }
  }
  const compound = rest.length >= 3 || honorific ? SURNAME_PINYIN[rest.slice(0, 2)] : undefined;
  const surnameLen = compound ? 2 : 1;
  // A surname outside the table keeps its Han form: still evidence for and against a match.
  const surname = compound ?? SURNAME_PINYIN[rest.slice(0, 1)] ?? rest.slice(0, 1);
  const given = [...rest.slice(surnameLen)];
  if (honorific && given.length === 0) return { surname, given: '', title };
  const pinyin = given.map((c) => GIVEN_PINYIN[c]);
  return { surname, given: pinyin.every((p) => p !== undefined) ? pinyin.join('') : given.join(''), title };
}

const KNOWN_PINYIN = new Set(Object.values(SURNAME_PINYIN));

function parseLatin(name: string): ParsedName {
  let tokens = name.toLowerCase().split(/[\s,.]+/).filter((t) => t.length > 0);
  let title: ParsedName['title'] = '';
  const first = tokens[0];
  if (first !== undefined && HONORIFIC_LATIN.test(first)) {
    title = latinGender(first);
    tokens = tokens.slice(1);
    if (tokens.length === 1) return { surname: tokens[0]!, given: '', title };
  }
  // "Zhang San" (Chinese order) or "San Zhang" (Western order): the known surname wins.
  const head = tokens[0] ?? '';
  const tail = tokens[tokens.length - 1] ?? '';
  const surname = KNOWN_PINYIN.has(head) || !KNOWN_PINYIN.has(tail) ? head : tail;
  const given = tokens.filter((t, i) => !(t === surname && (i === 0 || i === tokens.length - 1)));
  return { surname, given: given.join(''), title };
}

/** Surname pinyin, full-name key and honorific gender of a customer name. */
export function parseName(input: string | null | undefined): ParsedName {
  const name = (input ?? '').normalize('NFKC').replace(/\s+/g, ' ').trim();
  if (name === '') return { surname: '', given: '', title: '' };
  const compact = name.replace(/[\s·•]/g, '');
  if (HAN.test(compact)) return parseHan(compact);
  if (/^[A-Za-z][A-Za-z .,'-]*$/.test(name)) return parseLatin(name);
  return { surname: '', given: name.toLowerCase(), title: '' };
}
