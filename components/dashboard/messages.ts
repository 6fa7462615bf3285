import { defineMessages } from '@/utils/i18n';

export const dashboardMessages = defineMessages(
  {
    title: '种草 Zhongcao · 工作台',
    nav: '工作台导航',
    navStudio: '创作者工作室',
    navCatalogue: '商品库',
    navData: '数据',
    navResearch: '研究',
    dataTitle: '数据',
    lang: '语言',
    theme: '外观',
    themeSystem: '跟随系统',
    themeLight: '浅色',
    themeDark: '深色',
  },
  {
    title: '种草 Zhongcao · Dashboard',
    nav: 'Dashboard sections',
    navStudio: 'Creator studio',
    navCatalogue: 'Catalogue',
    navData: 'Data',
    navResearch: 'Research',
    dataTitle: 'Data',
    lang: 'Language',
    theme: 'Theme',
    themeSystem: 'System',
    themeLight: 'Light',
    themeDark: 'Dark',
  },
);
