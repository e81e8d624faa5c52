/**
 * Passwords people choose first, shipped with FairDraw so the check works offline: the top of the
 * published leak lists (English and Chinese keyboards, pinyin, dates and love numbers) and words
 * that anyone guessing at a school-lottery office would try. The policy refuses a password that is
 * one of these, one of these repeated, or one of these with digits or signs before or after it.
 */
export const COMMON_PASSWORDS: readonly string[] = `
123456 123456789 12345678 1234567890 12345 1234567 123123 111111 000000 654321 666666 888888 121212
123321 112233 123654 159753 147258369 987654321 0987654321 1q2w3e4r 1q2w3e4r5t 1q2w3e4r5t6y 1qaz2wsx
1qaz2wsx3edc 1qazxsw2 2wsx3edc zaq12wsx zaq1xsw2 qazwsx qazwsxedc qweasd qweasdzxc qwer1234 qwerty
qwerty123 qwertyuiop qwertyuiopasdfghjkl asdfgh asdfghjkl zxcvbnm zxcvbn abc123 abcd1234 abcdef
abcdefg abcdefgh a123456 a12345678 aa123456 aaa111 aaaaaa abc123456 abcd123456 password password1
password123 passw0rd p@ssw0rd p@ssword pass1234 passwd pa55word letmein welcome welcome1 iloveyou
loveyou monkey dragon master shadow sunshine princess football baseball superman batman trustno1
starwars whatever freedom hello hello123 hellokitty charlie michael jennifer computer internet
secret secret123 test test123 testing guest guest123 changeme changeit default root toor admin
admin123 admin1234 administrator adminadmin manager operator supervisor system sysadmin user
user123 login welcome123 qq123456 qq5201314 woaini woaini1314 woaini520 woaini521 5201314 520520
1314520 13145200 521521 woshishui wangyang zhangwei wanglei liuyang lixiang lilei hanmeimei
aini1314 iloveyou1314 caonima nihao nihao123 zhongguo china china123 beijing shanghai guangzhou
shenzhen chengdu chongqing wuhan hangzhou nanjing xian tianjin 88888888 66666666 168168 518518
147258 147852 258258 369369 789456 456789 741852963 963852741 159357 asd123 asd123456 zxc123
zxc123456 qwe123 qwe123456 123qwe 123abc 123asd 1234qwer 12qwaszx q1w2e3r4 q1w2e3r4t5 a1b2c3
a1b2c3d4 jiaoyuju jiaoyu xuexiao xiaoxue zhaosheng yaohao paiwei dianzipaiwei yangguangyaohao
fairdraw fairdraw2026 gongzheng gongzhengyuan laoshi xuesheng jiazhang banzhuren xiaozhang
`
  .trim()
  .split(/\s+/);
