export { changeListKeywords, MAX_LIST_KEYWORDS } from './change-list-keywords';
export { exportListKeywords, findListKeywords, type ListAccess } from './find-list-keywords';
export { findLists, type ListOwner, ownedList } from './list-access';
export {
  createList,
  deleteList,
  MAX_LISTS,
  renameList,
  shareList,
  unshareList,
} from './manage-list';
