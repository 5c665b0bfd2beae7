import { type Html, Layout } from "./layout.tsx";

/** A plain error page: status and message, no stack trace. */
export function ErrorPage({ status, message }: { status: number; message: string }): Html {
  return (
    <Layout title={`Error ${status}`}>
      <h1>{`Error ${status}`}</h1>
      <p>{message}</p>
      <p>
        <a href="/">Back to the sweeps</a>
      </p>
    </Layout>
  );
}
