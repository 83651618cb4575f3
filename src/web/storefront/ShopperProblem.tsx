import { problemText } from '../api';
import { fieldIssues } from '../components/Field';

/**
 * The top of a refused shopper form, in shoppers' words: the server's detail, without the status code
 * and the programmer's title that the staff console shows. Field errors are shown at their fields.
 */
export function ShopperProblem({ error, title }: { error: unknown; title: string }) {
  const fields = fieldIssues(error).length > 0;
  return (
    <div className="status status--error" role="alert">
      <p className="status__title">{fields ? 'Some details need a change' : title}</p>
      <p>{fields ? 'See the messages below.' : problemText(error)}</p>
    </div>
  );
}
