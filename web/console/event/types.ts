import type { DeclaredSource } from '../SourcesEditor.js';

export interface Overview {
  id: string;
  title: string;
  status: 'draft' | 'published' | 'frozen' | 'drawn' | 'results';
  version: number;
  mechanism: string;
  tieBreak: string;
  groupFit: string;
  bornFrom: string | null;
  bornTo: string | null;
  declaredSources: DeclaredSource[];
  applicants: number;
  units: { id: string; name: string; seats: number; applicants: number; firstChoice: number; lotteryNeeded: boolean }[];
  publications: { version: number; paramsSha256: string; listRoot: string; listSize: number; createdAt: string }[];
  official?: {
    drawId: string;
    seed: string;
    recordSha256: string;
    createdAt: string;
    units: { id: string; seats: number; admitted: number; waitlist: number; applicants: number }[];
  };
  rehearsals: { drawId: string; seed: string; createdAt: string }[];
  organiserPublicKey: string;
}

export interface TabProps {
  ev: Overview;
  reload: () => Promise<void>;
}
