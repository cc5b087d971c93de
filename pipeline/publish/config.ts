import { z } from 'zod';

const Texts = z.object({ en: z.string().min(1), sv: z.string().min(1) }).strict();

/**
 * sources/publication.yaml: who publishes the dataset and where, used by the JSON-LD, Data
 * Package, DCAT-AP-SE and landing-page outputs. The README documents every field.
 */
export const PublicationConfig = z
  .object({
    /** IRIs of forums, memberships, roles and the dataset hang off this (ends with / or #) */
    baseIri: z.url().regex(/[/#]$/u, 'ends with / or #').default('https://samverkan.example.org/id/'),
    /** where the files of dist/ can be downloaded (ends with /); download and access URLs are built from it */
    downloadUrl: z.url().regex(/\/$/u, 'ends with /'),
    /** the landing page of the dataset */
    landingPage: z.url(),
    /** a short machine name for the Data Package (lower-case, -, _ or .) */
    name: z.string().regex(/^[a-z0-9._-]+$/u),
    title: Texts,
    description: Texts,
    keywords: z.object({ en: z.array(z.string().min(1)).min(1), sv: z.array(z.string().min(1)).min(1) }).strict(),
    license: z.object({ name: z.string().min(1), title: z.string().min(1), path: z.url() }).strict(),
    publisher: z
      .object({
        name: z.string().min(1),
        /** an ADMS publisher type IRI, e.g. http://purl.org/adms/publishertype/NonProfitOrganisation */
        type: z.url(),
        url: z.url(),
        email: z.email(),
      })
      .strict(),
    contact: z.object({ name: z.string().min(1), email: z.email(), url: z.url().optional() }).strict(),
    contributors: z.array(z.object({ title: z.string().min(1), roles: z.array(z.string().min(1)).min(1), path: z.url().optional() }).strict()).min(1),
  })
  .strict();
export type PublicationConfig = z.infer<typeof PublicationConfig>;
