import { create } from 'zustand';
import { PAGE_SIZE, type PlantedFilter } from './queries';

/** UI state only (what is selected and typed); the data itself comes from live Dexie queries. */
export type PopupTab = 'planted' | 'bought' | 'overview';

export interface PopupState {
  tab: PopupTab;
  settingsOpen: boolean;
  filter: PlantedFilter;
  search: string;
  /** How many entries each list shows; "load more" grows it by a page. */
  plantedLimit: number;
  ordersLimit: number;
  days: 7 | 30;
  /** Item being bought through the quick-buy sheet, with the post it came from. */
  buying: { itemId: string; postId: string | null; authorId: string | null; authorName: string | null } | null;
  setTab(tab: PopupTab): void;
  setSettingsOpen(open: boolean): void;
  setFilter(f: PlantedFilter): void;
  setSearch(s: string): void;
  morePlanted(): void;
  moreOrders(): void;
  setDays(d: 7 | 30): void;
  setBuying(b: PopupState['buying']): void;
}

export const PAGE = PAGE_SIZE;

export const createPopupStore = () =>
  create<PopupState>()((set) => ({
    tab: 'planted',
    settingsOpen: false,
    filter: 'all',
    search: '',
    plantedLimit: PAGE,
    ordersLimit: PAGE,
    days: 7,
    buying: null,
    setTab: (tab) => set({ tab, settingsOpen: false }),
    setSettingsOpen: (settingsOpen) => set({ settingsOpen }),
    // A new filter or search starts from the first page again.
    setFilter: (filter) => set({ filter, plantedLimit: PAGE }),
    setSearch: (search) => set({ search, plantedLimit: PAGE }),
    morePlanted: () => set((s) => ({ plantedLimit: s.plantedLimit + PAGE })),
    moreOrders: () => set((s) => ({ ordersLimit: s.ordersLimit + PAGE })),
    setDays: (days) => set({ days }),
    setBuying: (buying) => set({ buying }),
  }));

export const usePopupStore = createPopupStore();
