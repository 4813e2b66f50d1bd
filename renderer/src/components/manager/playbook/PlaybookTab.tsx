import { useCallback, useState } from 'react';
import { call } from '../../../api/client';
import { useLoad } from '../../../hooks/useLoad';
import { TemplateEditor } from './TemplateEditor';
import { TemplateList } from './TemplateList';
import '../shared/manager.css';
import './playbook.css';

/** The playbook: what the counter suggests. A list with usage figures; one template at a time in the editor. */
export function PlaybookTab() {
  const list = useLoad('playbook', () => call('playbook.list', {}));
  const [editing, setEditing] = useState<string | null>(null);
  const [filter, setFilter] = useState({ text: '', kind: '' });
  const close = useCallback(() => {
    setEditing(null);
    list.reload();
  }, [list]);

  if (editing && list.data) {
    return <TemplateEditor id={editing} catalog={list.data.catalog} onClose={close} onSaved={list.reload} />;
  }
  return <TemplateList list={list} filter={filter} onFilter={setFilter} onEdit={setEditing} />;
}
