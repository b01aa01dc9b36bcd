// What a store tells the person after an action: the kind of news and its words (shown by components/Notice.tsx).

export interface NoticeContent {
  kind: 'saved' | 'info' | 'conflict' | 'error';
  message: string;
}
