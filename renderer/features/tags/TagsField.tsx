// An account's tags in the add and edit dialogs: a chip per tag with its remove button, and a combobox
// (WAI-ARIA 1.2, list autocomplete) that suggests the vault's tags as the user types. Enter or a comma
// adds the text (a new name creates the tag), Backspace in the empty box removes the last chip, the
// arrow keys pick a suggestion, Escape closes the suggestions, then clears the text. Leaving the box
// adds what was typed, so that Save never drops it.
import { useId, useRef, useState, type ChangeEvent, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ACCOUNT_LIMITS } from '../../../shared/account';
import { CloseIcon } from '../../ui/Icons';
import { Field } from '../../ui/Field';
import { addTags, splitTagText, suggestTags, type TagProblem } from './model/tag-input';
import { normalizeTagName } from '../../../shared/tags';

interface TagsFieldProps {
  value: readonly string[];
  onChange: (tags: string[]) => void;
  /** The vault's tags in display order (suggested, and spelled as they are). */
  known: readonly string[];
}

export function TagsField({ value, onChange, known }: TagsFieldProps) {
  const { t } = useTranslation();
  const listId = useId();
  const input = useRef<HTMLInputElement>(null);
  const [text, setText] = useState('');
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const [problem, setProblem] = useState<TagProblem | null>(null);
  const [announcement, setAnnouncement] = useState('');

  const options = open ? suggestTags(known, value, text) : [];
  const expanded = options.length > 0;
  const activeOption = expanded && active >= 0 ? options[active] : undefined;
  const typedTooLong = normalizeTagName(text).length > ACCOUNT_LIMITS.tag;
  const shown: TagProblem | null = typedTooLong ? { kind: 'tooLong', name: text } : problem;
  const message = shown && problemText(shown);

  function problemText(p: TagProblem): string {
    if (p.kind === 'tooLong') return t('tags.tooLong', { max: ACCOUNT_LIMITS.tag });
    if (p.kind === 'tooMany') return t('tags.tooMany', { max: ACCOUNT_LIMITS.tagsPerAccount });
    return t('tags.vaultFull', { max: ACCOUNT_LIMITS.tags.toLocaleString() });
  }

  /** Adds names; what could not be added stays in the box with the reason. */
  const commit = (names: string[], rest: string) => {
    const result = addTags(value, names, known);
    if (result.added.length > 0) onChange(result.tags);
    setProblem(result.problem);
    setText([...result.left, rest].filter((part) => part.trim() !== '').join(', '));
    setActive(-1);
    const said = [
      ...result.added.map((name) => t('tags.added', { name })),
      ...result.already.map((name) => t('tags.already', { name })),
    ];
    if (said.length > 0) setAnnouncement(said.join(' '));
  };

  const remove = (name: string) => {
    onChange(value.filter((tag) => tag !== name));
    setProblem(null);
    setAnnouncement(t('tags.removed', { name }));
  };

  const onType = (event: ChangeEvent<HTMLInputElement>) => {
    const { names, rest } = splitTagText(event.target.value);
    setOpen(true);
    setActive(-1);
    if (names.length > 0) commit(names, rest);
    else {
      setText(rest);
      setProblem(null);
    }
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    const count = suggestTags(known, value, text).length;
    switch (event.key) {
      case 'ArrowDown':
      case 'ArrowUp': {
        if (count === 0) return;
        event.preventDefault();
        const down = event.key === 'ArrowDown';
        if (!expanded || event.altKey) {
          setOpen(true);
          setActive(event.altKey ? -1 : down ? 0 : count - 1);
        } else {
          setActive((old) => (down ? (old + 1) % count : old <= 0 ? count - 1 : old - 1));
        }
        return;
      }
      case 'Enter':
        if (activeOption !== undefined) {
          event.preventDefault();
          commit([activeOption], '');
        } else if (text.trim() !== '') {
          event.preventDefault();
          commit([text], '');
        } // an empty box: Enter submits the form as in any other field
        return;
      case 'Escape':
        if (expanded || text !== '') {
          // Only this box's state: the dialog stays open.
          event.preventDefault();
          event.stopPropagation();
          if (expanded) setOpen(false);
          else {
            setText('');
            setProblem(null);
          }
          setActive(-1);
        }
        return;
      case 'Backspace': {
        const last = value[value.length - 1];
        if (text === '' && last !== undefined) {
          event.preventDefault();
          remove(last);
        }
        return;
      }
      case 'Tab':
        setOpen(false);
    }
  };

  const onBlur = () => {
    setOpen(false);
    setActive(-1);
    if (text.trim() !== '') commit([text], '');
  };

  return (
    <>
      <Field
        label={t('tags.label')}
        hint={t('tags.hint')}
        message={message}
        className="tags-field"
        announce
      >
        {({ id, describedBy, invalid }) => (
          <div className="tags-anchor">
            <div
              className={`tags-box${invalid ? ' tags-box-invalid' : ''}`}
              onMouseDown={(event) => {
                // A click on the box's empty space puts the caret in the box.
                if (event.target === event.currentTarget) {
                  event.preventDefault();
                  input.current?.focus();
                }
              }}
            >
              {value.length > 0 && (
                <ul className="tag-chips" aria-label={t('tags.listLabel')}>
                  {value.map((tag) => (
                    <li key={tag} className="tag-chip">
                      <span className="tag-chip-name">{tag}</span>
                      <button
                        type="button"
                        className="tag-chip-remove"
                        aria-label={t('tags.remove', { name: tag })}
                        title={t('tags.remove', { name: tag })}
                        onClick={() => {
                          remove(tag);
                          input.current?.focus();
                        }}
                      >
                        <CloseIcon size={12} />
                      </button>
                    </li>
                  ))}
                </ul>
              )}
              <input
                ref={input}
                id={id}
                name="tags"
                className="tags-input"
                role="combobox"
                aria-autocomplete="list"
                aria-expanded={expanded}
                aria-controls={listId}
                aria-activedescendant={
                  activeOption !== undefined ? `${listId}-${active}` : undefined
                }
                aria-describedby={describedBy}
                aria-invalid={invalid}
                placeholder={value.length === 0 ? t('tags.placeholder') : undefined}
                autoComplete="off"
                spellCheck={false}
                value={text}
                onChange={onType}
                onKeyDown={onKeyDown}
                onBlur={onBlur}
              />
            </div>
            <ul
              id={listId}
              role="listbox"
              className="tag-suggestions"
              aria-label={t('tags.suggestions')}
              hidden={!expanded}
            >
              {options.map((tag, i) => (
                <li
                  key={tag}
                  id={`${listId}-${i}`}
                  role="option"
                  aria-selected={i === active}
                  className={`tag-option${i === active ? ' tag-option-active' : ''}`}
                  // The box keeps the focus (and its text) while an option is clicked.
                  onMouseDown={(event) => event.preventDefault()}
                  onClick={() => commit([tag], '')}
                >
                  {tag}
                </li>
              ))}
            </ul>
          </div>
        )}
      </Field>
      <p className="visually-hidden" role="status" aria-live="polite">
        {announcement}
      </p>
    </>
  );
}
