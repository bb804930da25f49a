/**
 * Word lists for realistic Chinese demo data. Weights are rough shares (surnames: % of the
 * population; cities: urban population in millions) — plausible distributions, not statistics.
 */

/** [surname, pinyin, weight] — the common surnames, plus two compound ones. */
export const SURNAMES: ReadonlyArray<readonly [string, string, number]> = [
  ['王', 'wang', 7.1], ['李', 'li', 7.0], ['张', 'zhang', 6.7], ['刘', 'liu', 5.4], ['陈', 'chen', 4.5],
  ['杨', 'yang', 3.1], ['黄', 'huang', 2.2], ['赵', 'zhao', 2.0], ['吴', 'wu', 1.9], ['周', 'zhou', 1.9],
  ['徐', 'xu', 1.5], ['孙', 'sun', 1.5], ['马', 'ma', 1.3], ['朱', 'zhu', 1.3], ['胡', 'hu', 1.2],
  ['郭', 'guo', 1.1], ['何', 'he', 1.1], ['林', 'lin', 1.0], ['高', 'gao', 1.0], ['罗', 'luo', 0.9],
  ['郑', 'zheng', 0.8], ['梁', 'liang', 0.8], ['谢', 'xie', 0.7], ['宋', 'song', 0.6], ['唐', 'tang', 0.6],
  ['许', 'xu', 0.6], ['韩', 'han', 0.6], ['冯', 'feng', 0.6], ['邓', 'deng', 0.6], ['曹', 'cao', 0.5],
  ['彭', 'peng', 0.5], ['曾', 'zeng', 0.5], ['肖', 'xiao', 0.5], ['田', 'tian', 0.4], ['董', 'dong', 0.4],
  ['袁', 'yuan', 0.4], ['潘', 'pan', 0.4], ['于', 'yu', 0.4], ['蒋', 'jiang', 0.4], ['蔡', 'cai', 0.4],
  ['余', 'yu', 0.4], ['杜', 'du', 0.4], ['叶', 'ye', 0.4], ['程', 'cheng', 0.4], ['苏', 'su', 0.3],
  ['魏', 'wei', 0.3], ['吕', 'lv', 0.3], ['丁', 'ding', 0.3], ['任', 'ren', 0.3], ['沈', 'shen', 0.3],
  ['姚', 'yao', 0.3], ['卢', 'lu', 0.3], ['姜', 'jiang', 0.3], ['崔', 'cui', 0.3], ['钟', 'zhong', 0.3],
  ['欧阳', 'ouyang', 0.05], ['上官', 'shangguan', 0.01],
];

type Syllable = readonly [string, string];

export const GIVEN_MALE: readonly Syllable[] = [
  ['伟', 'wei'], ['强', 'qiang'], ['磊', 'lei'], ['军', 'jun'], ['勇', 'yong'], ['杰', 'jie'], ['涛', 'tao'],
  ['明', 'ming'], ['超', 'chao'], ['刚', 'gang'], ['浩', 'hao'], ['宇', 'yu'], ['轩', 'xuan'], ['博', 'bo'],
  ['建', 'jian'], ['国', 'guo'], ['志', 'zhi'], ['海', 'hai'], ['鹏', 'peng'], ['辉', 'hui'], ['斌', 'bin'],
  ['俊', 'jun'], ['鑫', 'xin'], ['峰', 'feng'], ['凯', 'kai'], ['晨', 'chen'], ['子', 'zi'], ['睿', 'rui'],
];

export const GIVEN_FEMALE: readonly Syllable[] = [
  ['芳', 'fang'], ['娜', 'na'], ['敏', 'min'], ['静', 'jing'], ['丽', 'li'], ['艳', 'yan'], ['娟', 'juan'],
  ['秀', 'xiu'], ['霞', 'xia'], ['婷', 'ting'], ['欣', 'xin'], ['怡', 'yi'], ['涵', 'han'], ['雪', 'xue'],
  ['琳', 'lin'], ['慧', 'hui'], ['佳', 'jia'], ['雨', 'yu'], ['梓', 'zi'], ['萱', 'xuan'], ['玉', 'yu'],
  ['英', 'ying'], ['华', 'hua'], ['晶', 'jing'], ['倩', 'qian'], ['颖', 'ying'], ['思', 'si'], ['月', 'yue'],
];

export const GIVEN_NEUTRAL: readonly Syllable[] = [
  ['文', 'wen'], ['平', 'ping'], ['晓', 'xiao'], ['一', 'yi'], ['安', 'an'], ['嘉', 'jia'], ['宁', 'ning'],
  ['清', 'qing'], ['乐', 'le'], ['诗', 'shi'], ['可', 'ke'], ['星', 'xing'],
];

/** [code, weight] for every city in CHINA_CITIES (by urban population, millions). */
export const CITY_WEIGHTS: Readonly<Record<string, number>> = {
  '500100': 32, '310100': 24.9, '110100': 21.9, '510100': 21.4, '440100': 18.8, '440300': 17.7, '120100': 13.7,
  '420100': 13.7, '610100': 13, '320500': 12.9, '410100': 12.8, '330100': 12.4, '130100': 11.2, '441900': 10.5,
  '430100': 10.4, '370200': 10.3, '230100': 9.9, '340100': 9.6, '440600': 9.6, '330200': 9.6, '320100': 9.5,
  '370100': 9.4, '210100': 9.1, '220100': 9.1, '450100': 8.9, '530100': 8.5, '350100': 8.4, '210200': 7.5,
  '320200': 7.5, '360100': 6.5, '520100': 6.2, '140100': 5.4, '350200': 5.3, '620100': 4.4, '150100': 3.5,
  '460100': 2.9,
};

/** Mobile number prefixes in use (China Mobile, Unicom, Telecom, Broadnet), by rough share. */
export const MOBILE_PREFIXES: ReadonlyArray<readonly [string, number]> = [
  ...['130', '131', '132', '133', '134', '135', '136', '137', '138', '139'].map((p) => [p, 5] as const),
  ...['150', '151', '152', '153', '155', '156', '157', '158', '159'].map((p) => [p, 3.5] as const),
  ...['180', '181', '182', '183', '184', '185', '186', '187', '188', '189'].map((p) => [p, 3] as const),
  ...['145', '147', '166', '170', '171', '173', '175', '176', '177', '178'].map((p) => [p, 0.8] as const),
  ...['191', '192', '193', '195', '196', '197', '198', '199'].map((p) => [p, 1.2] as const),
];

export const EMAIL_DOMAINS: ReadonlyArray<readonly [string, number]> = [
  ['qq.com', 35], ['163.com', 20], ['126.com', 8], ['foxmail.com', 6], ['sina.com', 5], ['gmail.com', 5],
  ['outlook.com', 5], ['139.com', 4], ['hotmail.com', 4], ['sohu.com', 3], ['aliyun.com', 3], ['yeah.net', 2],
];

/** Two-character company brand names are drawn from these (云 + 启 → 云启). */
export const BRAND_SYLLABLES: readonly Syllable[] = [
  ['云', 'yun'], ['启', 'qi'], ['华', 'hua'], ['腾', 'teng'], ['恒', 'heng'], ['信', 'xin'], ['达', 'da'],
  ['博', 'bo'], ['瑞', 'rui'], ['智', 'zhi'], ['远', 'yuan'], ['鼎', 'ding'], ['盛', 'sheng'], ['宏', 'hong'],
  ['泰', 'tai'], ['诚', 'cheng'], ['创', 'chuang'], ['新', 'xin'], ['天', 'tian'], ['海', 'hai'], ['汇', 'hui'],
  ['金', 'jin'], ['联', 'lian'], ['通', 'tong'], ['嘉', 'jia'], ['锦', 'jin'], ['凯', 'kai'], ['星', 'xing'],
  ['辰', 'chen'], ['峰', 'feng'], ['越', 'yue'], ['立', 'li'], ['众', 'zhong'], ['安', 'an'], ['优', 'you'],
];

/** The business part of a company name per industry option value (科技 in 杭州云启科技有限公司). */
export const INDUSTRY_WORDS: Readonly<Record<string, readonly string[]>> = {
  it: ['科技', '网络科技', '信息技术', '软件', '数据科技'],
  finance: ['投资管理', '融资租赁', '资产管理', '金融服务'],
  real_estate: ['房地产开发', '置业', '物业管理'],
  business_services: ['企业管理咨询', '商务服务', '人力资源', '会展服务'],
  logistics: ['物流', '供应链管理', '货运代理', '快运'],
  manufacturing: ['机械制造', '电子', '新材料', '精密制造', '食品'],
  media: ['文化传媒', '广告', '影视文化', '数字传媒'],
};

/** Public bodies are customers too (industry 政府), named after the city: 杭州市数据资源管理局. */
export const GOVERNMENT_BODIES = ['数据资源管理局', '市场监督管理局', '公共资源交易中心', '教育局', '卫生健康委员会'];

export const COMPANY_SUFFIXES: ReadonlyArray<readonly [string, number]> = [
  ['有限公司', 80], ['股份有限公司', 12], ['有限责任公司', 8],
];

export const ORDER_CHANNELS: ReadonlyArray<readonly [string, number]> = [
  ['天猫', 30], ['京东', 20], ['微信小程序', 25], ['门店', 15], ['官网', 10],
];

/** Store names for 门店 orders: the customer's city + a mall (杭州万象城店). */
export const MALLS = ['万象城', '银泰城', '万达广场', '大悦城', '龙湖天街', '吾悦广场', '来福士', '太古里'];

export const PRODUCT_CATEGORIES = ['美妆', '服饰', '母婴', '数码', '食品', '家居', '运动', '图书'];

export const SEARCH_KEYWORDS = ['连衣裙', '面霜', '蓝牙耳机', '奶粉', '咖啡豆', '跑步鞋', '保温杯', '口红', '儿童绘本', '空气炸锅'];

/** [type, name, weight] of tracked behaviour (Segment track/page). */
export const EVENT_KINDS: ReadonlyArray<readonly [readonly [string, string], number]> = [
  [['track', '浏览商品'], 30], [['track', '加入购物车'], 10], [['track', '领取优惠券'], 5], [['track', '登录'], 15],
  [['track', '搜索'], 10], [['track', '分享'], 3], [['page', '首页'], 12], [['page', '商品详情页'], 10],
  [['page', '活动页'], 5],
];
