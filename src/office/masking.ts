/**
 * Masked names for public pages (公示): enough for a family to recognise its own line, not enough
 * to identify a child. Rules:
 * - two characters: surname + *              张三 → 张*
 * - three or more: surname, stars, last char  张小三 → 张*三, 张小三丰 → 张**丰
 * - a compound surname stays whole and the given name is starred: 欧阳小明 → 欧阳**
 * - names with an interpunct (ethnic-minority names, 阿依古丽·买买提): each part keeps its
 *   first character, the rest is starred, the · stays: 阿****·买**
 * - Latin names: first letter of each word, the rest starred.
 */
const COMPOUND_SURNAMES = new Set(
  '欧阳 太史 端木 上官 司马 东方 独孤 南宫 万俟 闻人 夏侯 诸葛 尉迟 公羊 赫连 澹台 皇甫 宗政 濮阳 公冶 太叔 申屠 公孙 慕容 仲孙 钟离 长孙 宇文 司徒 鲜于 司空 闾丘 子车 亓官 司寇 巫马 公西 颛孙 壤驷 公良 漆雕 乐正 宰父 谷梁 拓跋 夹谷 轩辕 令狐 段干 百里 呼延 东郭 南门 羊舌 微生 公户 公玉 公仪 梁丘 公仲 公上 公门 公山 公坚 左丘 公伯 西门 公祖 第五 公乘 贯丘 公皙 南荣 东里 东宫 仲长 子书 子桑 即墨 达奚 褚师'.split(
    ' ',
  ),
);

function maskPart(chars: string[]): string {
  if (chars.length <= 1) return chars.join('');
  return chars[0] + '*'.repeat(chars.length - 1);
}

export function maskName(name: string): string {
  const n = name.normalize('NFC').trim();
  if (!n) return '';
  if (/[·•‧・.]/.test(n) && /[\u4e00-\u9fff]/.test(n)) {
    return n
      .split(/([·•‧・.])/)
      .map((p, i) => (i % 2 === 1 ? '·' : maskPart([...p])))
      .join('');
  }
  if (/^[\x20-\x7e]+$/.test(n)) {
    return n
      .split(/\s+/)
      .map((w) => maskPart([...w]))
      .join(' ');
  }
  const chars = [...n];
  if (chars.length >= 3 && COMPOUND_SURNAMES.has(chars[0]! + chars[1]!)) {
    return chars[0]! + chars[1]! + '*'.repeat(chars.length - 2);
  }
  if (chars.length === 1) return '*';
  if (chars.length === 2) return `${chars[0]}*`;
  return chars[0]! + '*'.repeat(chars.length - 2) + chars[chars.length - 1]!;
}
