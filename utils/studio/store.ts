import { create } from 'zustand';
import type { VerifiedTier } from '@/utils/types';

/**
 * UI state of the dashboard: the draft being previewed, the author whose report is open, the section and theme.
 * Data (events, orders, catalogue) is not here: it comes from live Dexie queries and the catalogue loader.
 */
export type Section = 'studio' | 'catalogue' | 'data' | 'research';
export type ThemeChoice = 'system' | 'light' | 'dark';

export interface DashboardState {
  section: Section;
  theme: ThemeChoice;
  draft: string;
  tier: VerifiedTier;
  promoted: boolean;
  authorId: string | null;
  setSection: (s: Section) => void;
  setTheme: (t: ThemeChoice) => void;
  setDraft: (text: string) => void;
  setTier: (tier: VerifiedTier) => void;
  setPromoted: (promoted: boolean) => void;
  setAuthorId: (id: string | null) => void;
}

export const useDashboardStore = create<DashboardState>((set) => ({
  section: 'studio',
  theme: 'system',
  draft: '',
  tier: 'none',
  promoted: false,
  authorId: null,
  setSection: (section) => set({ section }),
  setTheme: (theme) => set({ theme }),
  setDraft: (draft) => set({ draft }),
  setTier: (tier) => set({ tier }),
  setPromoted: (promoted) => set({ promoted }),
  setAuthorId: (authorId) => set({ authorId }),
}));
