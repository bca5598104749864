import type { Scale } from './types.ts'

/**
 * demo: what `npm start` loads (~300 communities, ~1.5k estates, ~90k houses; a few seconds).
 * city: Shenzhen-sized (~700 communities, ~5.5k estates, ~3M houses, ~2.6M owners; minutes).
 */
export const SCALES: Record<string, Scale> = {
  demo: { communitiesPerStreet: [3, 5], estatesPerCommunity: [3, 7], housesPerEstate: [20, 100] },
  // ~190 notices per street: ≥ 1,000,000 notice receipts (the bench's read statistics)
  // 20–37 practitioners per estate with staff, plus the companies' own: ≈ 150,000 practitioners (从业人员信息)
  // 5 民意征集 per street, ~37 respondents per estate each: ≈ 1,000,000 opinion responses (党建园地)
  // 1–3 announcements per estate: ≈ 11,000 announcements (信息公开)
  // ~200 courses, ~24 per estate practitioner: ≈ 3,000,000 learning records (宣传培训)
  // 2–9 disputes per estate: ≈ 30,000 disputes (纠纷化解台账); 1–3 announcements per estate (信息公开); 1,500 meetings in the largest estates, ≈ 6,000 topics (电子投票, 业主决策情况)
  city: { communitiesPerStreet: [8, 11], estatesPerCommunity: [6, 10], housesPerEstate: [80, 1000], noticesPerStreet: [180, 200], courses: 200, coursesPerLearner: [14, 34], staffPerEstate: [20, 37], opinionCollectionsPerStreet: [4, 6], opinionResponsesPerEstate: [22, 52], disputesPerEstate: [2, 9], disclosuresPerEstate: [1, 3], votingMeetings: 1500 },
}

// 0–3 招标文件备案 per estate: ≈ 8,000 filings since 2019 (招标投标管理); kept apart from the line above so merges stay easy
SCALES.city.tendersPerEstate = [0, 3]
