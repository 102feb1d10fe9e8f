/**
 * Hokkien (Southern Min) readings of Han characters frequent in names, spelled the way Singapore,
 * Malaysian, Indonesian and Philippine Chinese names are usually romanised (Tan, Lim, Teck, Boon, Hock).
 * Unihan has no Hokkien field; compiled for this project from general knowledge of these naming customs.
 * Traditional characters; one spelling per character (the comparison's keys absorb close variants).
 * "char spelling" pairs, separated by spaces.
 */
const PAIRS = `
陳 tan 林 lim 黃 ng 李 lee 張 teo 王 ong 吳 goh 劉 lau 蔡 chua 楊 yeo 許 koh 鄭 tay 謝 chia 郭 quek
洪 ang 曾 chan 邱 khoo 周 chew 葉 yap 蘇 soh 莊 chng 呂 lu 江 kang 何 ho 蕭 seow 羅 lo 高 koh 潘 phua
朱 choo 鍾 cheng 梁 neo 徐 chee 馬 beh 胡 oh 游 yew 魏 gwee 傅 poh 方 png 宋 song 戴 tay 沈 sim 田 tian
石 chioh 彭 phee 孫 sng 趙 teo 丁 teng 薛 seah 柯 kua 辜 koo 龔 kiong 白 peh 施 see 姚 yeo 廖 leow 賴 lua
翁 ang 康 khng 顏 gan 杜 toh 程 teng 鄧 teng 汪 ong 韓 han 盧 lo 范 huan 余 ee 俞 jee
德 teck 成 seng 文 boon 福 hock 明 beng 華 hua 強 kiong 志 chee 智 tee 偉 wee 美 bee 梅 muay 鳳 hong
秀 siew 忠 tiong 寶 poh 保 poh 蘭 lan 光 kong 宏 hong 紅 ang 英 eng 芳 hong 金 kim 玉 geok 珠 choo
麗 lee 莉 lee 清 cheng 國 kok 義 gee 勇 yong 安 an 平 peng 順 soon 興 heng 發 huat 財 chye 水 chwee
山 san 泉 chuan 源 guan 元 guan 祥 siang 亮 liang 耀 yeow 輝 hui 俊 choon 駿 choon 傑 kiat 賢 hian
仁 jin 和 hoe 春 choon 秋 chiu 雲 hoon 惠 hui 慧 hui 珍 tin 玲 leng 琳 lim 嬌 kiaw 霞 hay 月 guat
桂 kwee 花 hua 香 hiang 蓮 lian 燕 ean 艷 iam 雪 suat 銀 gin 添 tiam 來 lai 生 seng 城 seng 勝 seng
榮 eng 永 eng 長 tiang 昌 chiang 振 chin 瑞 swee 泰 thai 松 siong 健 kian 坤 khoon 新 sin 信 sin
天 thian 海 hai 合 hap 木 bok 全 choan 吉 kiat 才 chai 炎 iam 鴻 hong 峰 hong 豐 hong 立 lip 武 bu
彬 pin 敏 bin 民 bin 萬 ban 喜 hee 如 joo 恩 un 婷 teng 娟 kuan 淑 siok 碧 phek 貞 cheng 正 cheng
靜 cheng 卿 kheng 慶 kheng 恆 heng 亨 heng 雄 hiong 龍 liong 隆 liong 鶯 eng 潔 kiat 錫 siak 益 ek
亞 ah 阿 ah 東 tong 南 lam 中 tiong 家 ka 佳 ka 嘉 ka 寧 leng 凱 khai 啟 khe 昇 seng 聲 seng 勤 khin
欽 khim 鵬 peng 兵 peng 斌 pin 宗 chong 維 wee 威 wee 衛 wee 為 wee 瑩 eng 盈 eng 穎 eng 詩 si 思 su
素 soh 雅 nga 琴 khim 君 kun 軍 kun 群 kun 勳 hun 建 kian 堅 kian 權 khuan 達 tat 利 lee 禮 le 妹 mui
好 ho 鑫 him 燦 chan 彩 chai 翠 chui 萍 peng 冰 peng 青 chng 菊 kiok 竹 tek 桃 tho 柳 liu 嬋 sian 娥 gor
婉 wan 鈴 leng 齡 leng 聰 chong 哲 tiat 卓 toh 超 chiau 傳 thuan 誠 seng 聖 seng 炳 peng 秉 peng 鎮 tin
旺 ong 祿 lok 壽 siew 夏 ha 冬 tang 日 jit 星 seng 風 hong 雨 u 河 ho 湖 oh 森 sim 樹 chiu 根 kin 本 pun
友 iu 有 iu 佑 iu 祐 iu 愛 ai 心 sim 意 i 毅 gee 豪 hoe 煌 hong 大 tua 小 sio 若 jiak 瓊 keng 瑤 yeow
珮 pwee 佩 pwee 蓉 iong 容 iong 榕 iong 進 chin 金 kim 展 tian 鋒 hong 峻 chun 儀 gee 宜 gee 怡 ee
玫 bwee 娜 na 妮 ni 琪 ki 綺 khi 琦 ki 麒 ki 祺 ki 基 ki 奇 ki 啟 khe 開 khai 凱 khai 偕 kai 材 chai
錦 kim 鈞 kun 俐 lee 理 li 麟 lin 林 lim 霖 lim 彥 gan 雁 gan 勝 seng 承 seng 升 seng 昌 chiang 章 chiang
`;

export const HOKKIEN_READINGS: ReadonlyMap<string, string> = (() => {
  const map = new Map<string, string>();
  const parts = PAIRS.trim().split(/\s+/);
  for (let i = 0; i + 1 < parts.length; i += 2) if (!map.has(parts[i]!)) map.set(parts[i]!, parts[i + 1]!);
  return map;
})();
