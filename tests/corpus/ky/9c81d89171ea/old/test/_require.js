import fetch, {Headers, Response} from 'node-fetch';
import AbortController from 'abort-controller';

global.fetch = fetch;
global.Headers = Headers;
global.Response = Response;
global.AbortController = AbortController;
