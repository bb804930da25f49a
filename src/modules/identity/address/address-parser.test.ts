import { describe, expect, it } from 'vitest';
import { formatAddress, parseAddress } from './address-parser.js';

// [input, code of the deepest level (null: nothing recognised), detail, warnings that must be present]
const CASES: Array<[string, string | null, string, string[]]> = [
  // Full names, every province kind
  ['北京市朝阳区建国路88号SOHO现代城', '110105', '建国路88号SOHO现代城', []],
  ['上海市浦东新区世纪大道100号', '310115', '世纪大道100号', []],
  ['天津市和平区南京路189号', '120101', '南京路189号', []],
  ['重庆市渝中区解放碑民族路166号', '500103', '解放碑民族路166号', []],
  ['重庆市城口县葛城街道', '500229', '葛城街道', []],
  ['广东省广州市天河区天河路385号', '440106', '天河路385号', []],
  ['浙江省杭州市西湖区文三路90号', '330106', '文三路90号', []],
  ['江苏省苏州市工业园区星湖街328号', '320500', '工业园区星湖街328号', ['no_district']],
  ['四川省成都市武侯区人民南路四段1号', '510107', '人民南路四段1号', []],
  ['湖北省武汉市洪山区珞喻路1037号', '420111', '珞喻路1037号', []],
  ['陕西省西安市雁塔区小寨东路1号', '610113', '小寨东路1号', []],
  ['辽宁省大连市中山区人民路1号', '210202', '人民路1号', []],
  ['山东省青岛市市南区香港中路10号', '370202', '香港中路10号', []],
  ['福建省厦门市思明区鹭江道8号', '350203', '鹭江道8号', []],
  ['河南省郑州市金水区花园路1号', '410105', '花园路1号', []],
  ['云南省昆明市五华区东风西路1号', '530102', '东风西路1号', []],
  ['黑龙江省哈尔滨市南岗区西大直街92号', '230103', '西大直街92号', []],
  ['内蒙古自治区呼和浩特市新城区新华大街1号', '150102', '新华大街1号', []],
  ['广西壮族自治区南宁市青秀区民族大道1号', '450103', '民族大道1号', []],
  ['新疆维吾尔自治区乌鲁木齐市天山区解放北路1号', '650102', '解放北路1号', []],
  ['西藏自治区拉萨市城关区北京中路1号', '540102', '北京中路1号', []],
  ['宁夏回族自治区银川市兴庆区解放东街1号', '640104', '解放东街1号', []],
  // Short names
  ['广东深圳南山区科技园科苑路15号', '440305', '科技园科苑路15号', ['short_name']],
  ['北京朝阳区望京街10号', '110105', '望京街10号', ['short_name']],
  ['内蒙古包头昆都仑区钢铁大街', '150203', '钢铁大街', ['short_name']],
  ['浙江杭州西湖文三路', '330106', '文三路', ['short_name']],
  ['江苏南京鼓楼中山北路1号', '320106', '中山北路1号', ['short_name']],
  // 自治州, 盟, 地区, 省直辖县级市
  ['吉林省延边朝鲜族自治州延吉市光明街1号', '222401', '光明街1号', []],
  ['湖北省恩施州恩施市舞阳大道', '422801', '舞阳大道', ['short_name']],
  ['新疆伊犁州伊宁市解放路', '654002', '解放路', ['short_name']],
  ['云南省大理白族自治州大理市人民路', '532901', '人民路', []],
  ['内蒙古锡林郭勒盟锡林浩特市', '152502', '', ['short_name']],
  ['新疆喀什地区喀什市人民东路', '653101', '人民东路', ['short_name']],
  ['湖北省仙桃市钱沟路1号', '429004', '钱沟路1号', []],
  ['海南省琼海市嘉积镇', '469002', '嘉积镇', []],
  ['河南省济源市天坛路', '419001', '天坛路', []],
  ['广东省东莞市南城街道鸿福路', '441900', '南城街道鸿福路', []],
  // Missing levels inferred
  ['南山区科技园', '440305', '科技园', ['inferred_parent', 'ambiguous_resolved']],
  ['海淀区中关村大街1号', '110108', '中关村大街1号', ['inferred_parent']],
  ['杭州市滨江区网商路699号', '330108', '网商路699号', ['inferred_parent']],
  ['吉林市船营区', '220204', '', ['inferred_parent']],
  ['苏州市', '320500', '', ['inferred_parent', 'no_district']],
  // Noise: width, traditional, spaces, commas, 中国, postcode, phone
  ['中国 广东省, 广州市, 越秀区 中山五路 33号', '440104', '中山五路33号', []],
  ['ＣＨＩＮＡ　北京市　东城区　王府井大街２５５号', '110101', '王府井大街255号', []],
  ['廣東省廣州市天河區體育東路', '440106', '体育东路', []],
  ['518057 广东省深圳市南山区高新南一道', '440305', '高新南一道', ['postcode_removed']],
  ['上海市徐汇区漕溪北路88号 邮编:200030', '310104', '漕溪北路88号', ['postcode_removed']],
  ['浙江省宁波市鄞州区 张三 13812345678 天童南路', '330212', '张三天童南路', ['phone_removed']],
  ['四川省成都市锦江区 电话:028-86661234 红星路', '510104', '红星路', ['phone_removed']],
  ['中华人民共和国湖南省长沙市岳麓区麓山南路', '430104', '麓山南路', []],
  // Not addresses, conflicts, ambiguity, HK/MO/TW
  ['中山路88号', null, '中山路88号', ['no_division']],
  ['鼓楼区中山路', null, '鼓楼区中山路', ['ambiguous', 'no_division']],
  ['广东省杭州市西湖区', '440000', '杭州市西湖区', ['conflict', 'province_only']],
  ['香港特别行政区中环皇后大道中99号', '810000', '中环皇后大道中99号', []],
  ['', null, '', ['no_division']],
];

describe('parseAddress', () => {
  it.each(CASES)('%s → %s', (input, code, detail, warnings) => {
    const parsed = parseAddress(input);
    expect(parsed.code).toBe(code);
    expect(parsed.detail).toBe(detail);
    for (const warning of warnings) expect(parsed.warnings).toContain(warning);
  });

  it('names every level and the codes of the parents', () => {
    expect(parseAddress('广东深圳南山区科技园 518057')).toMatchObject({
      province: '广东省',
      provinceCode: '440000',
      city: '深圳市',
      cityCode: '440300',
      district: '南山区',
      districtCode: '440305',
      postcode: '518057',
    });
    expect(parseAddress('北京市朝阳区')).toMatchObject({ province: '北京市', city: '北京市', cityCode: '110100', confidence: 1 });
    expect(parseAddress('湖北省仙桃市')).toMatchObject({ province: '湖北省', city: null, district: '仙桃市' });
  });

  it('keeps the first phone number found, in E.164 when it is a valid mobile', () => {
    expect(parseAddress('北京市海淀区 +86 138-1234-5678 中关村').phone).toBe('+8613812345678');
    expect(parseAddress('北京市海淀区中关村').phone).toBeNull();
  });

  it('scores full, consistent addresses above inferred, short or conflicting ones', () => {
    const full = parseAddress('广东省深圳市南山区科技园').confidence;
    const short = parseAddress('广东深圳南山区科技园').confidence;
    const inferred = parseAddress('海淀区中关村').confidence;
    const conflict = parseAddress('广东省杭州市西湖区').confidence;
    expect(full).toBe(1);
    expect(short).toBeLessThan(full);
    expect(inferred).toBeLessThan(full);
    expect(conflict).toBeLessThan(inferred);
    expect(parseAddress('随便写的').confidence).toBe(0);
  });
});

describe('formatAddress', () => {
  it.each([
    ['北京朝阳区建国路88号', '北京市朝阳区建国路88号'],
    ['南山区科技园', '广东省深圳市南山区科技园'],
    ['湖北仙桃钱沟路', '湖北省仙桃市钱沟路'],
    ['中山路88号', '中山路88号'],
  ])('%s → %s', (input, formatted) => {
    expect(formatAddress(parseAddress(input))).toBe(formatted);
  });
});
